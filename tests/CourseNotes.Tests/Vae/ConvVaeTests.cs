using CourseNotes.Datasets;
using CourseNotes.Vae;
using static TorchSharp.torch;

namespace CourseNotes.Tests.Vae;

[Collection(SerialTorchCollection.Name)]
public class ConvVaeTests
{
    [Fact]
    public void The_convolutional_VAE_has_the_course_shapes_and_learns()
    {
        var train = ProceduralSprites.Generate(512, seed: 3).ToTensor();
        var test = ProceduralSprites.Generate(128, seed: 4).ToTensor();
        VaeTraining.Seed(3);
        var model = new ConvVae(latentSize: 8);
        var (output, mean, logVariance) = model.Forward(test[..5]);
        Assert.Equal(new long[] { 5, 784 }, output.shape);
        Assert.Equal(new long[] { 5, 8 }, mean.shape);
        Assert.Equal(new long[] { 5, 8 }, logVariance.shape);
        double before = VaeTraining.Evaluate(model, test).NegativeElbo;
        VaeTraining.Train(model, train, options: new VaeTrainingOptions(Epochs: 3, BatchSize: 64, LearningRate: 2e-3, Seed: 3));
        double after = VaeTraining.Evaluate(model, test).NegativeElbo;
        Assert.True(after < 0.5 * before, $"held-out −ELBO {before:F1} → {after:F1}");
    }

    [Fact]
    public void A_conditional_convolutional_VAE_demands_its_label()
    {
        VaeTraining.Seed(4);
        var model = new ConvVae(latentSize: 4, conditionSize: 3);
        using var x = zeros(2, 784);
        using var y = eye(3)[..2];
        Assert.Equal(new long[] { 2, 784 }, model.Forward(x, condition: y).Output.shape);
        Assert.Throws<ArgumentException>(() => model.Encode(x));
    }

    [Fact]
    public void The_console_bar_redraws_in_place_and_ends_each_epoch_with_a_newline()
    {
        var output = new StringWriter();
        var bar = new ConsoleProgress(output, TimeSpan.Zero);
        bar.Report(new TrainingProgress(1, 2, 1, 2, 100));
        bar.Report(new TrainingProgress(1, 2, 2, 2, 90));
        Assert.Equal("\rÉpoque 1/2 [██████████··········] lot 1/2 · −ELBO 100.00 nats\rÉpoque 1/2 [████████████████████] lot 2/2 · −ELBO 90.00 nats" + Environment.NewLine, output.ToString());
    }
}
