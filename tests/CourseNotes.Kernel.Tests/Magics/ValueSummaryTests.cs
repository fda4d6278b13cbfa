using CourseNotes.Kernel.Magics;

namespace CourseNotes.Kernel.Tests.Magics;

public class ValueSummaryTests
{
    [Fact]
    public void Plain_values_show_their_plain_text()
    {
        Assert.Equal("42", ValueSummary.Of(42));
        Assert.Equal("null", ValueSummary.Of(null));
        Assert.Equal("texte", ValueSummary.Of("texte"));
    }

    [Fact]
    public void Collections_give_their_count_and_long_values_are_cut()
    {
        string summary = ValueSummary.Of(Enumerable.Range(0, 1000).ToList());
        Assert.StartsWith("(1000 éléments) ", summary);
        Assert.Equal(ValueSummary.MaxLength, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void Tensor_types_are_recognised_by_name_without_referencing_TorchSharp()
    {
        Assert.False(ValueSummary.IsTensor(typeof(string)));
        Assert.False(ValueSummary.IsTensor(typeof(List<int>)));
    }
}
