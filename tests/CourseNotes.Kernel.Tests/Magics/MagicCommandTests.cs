using CourseNotes.Kernel.Magics;

namespace CourseNotes.Kernel.Tests.Magics;

public class MagicCommandTests
{
    [Fact]
    public void Lsmagic_lists_every_command_with_its_description()
    {
        var bundle = MagicList.Format();
        string text = (string)bundle.Data["text/plain"]!;
        Assert.All(MagicCommand.All, m => Assert.Contains(m.Usage, text));
        Assert.All(MagicCommand.All, m => Assert.Contains(m.Description, text));
        Assert.Contains("<dt><code>#!whos</code></dt>", (string)bundle.Data["text/html"]!);
    }

    [Fact]
    public void Descriptions_use_french_typography()
    {
        // A narrow no-break space (U+202F) before « : » and « ; », never a plain space.
        Assert.All(MagicCommand.All, m => Assert.DoesNotMatch(" [:;!?]", m.Description));
        Assert.Equal("#!markdown, #!csharp, #!time, #!import, #!who, #!whos, #!lsmagic, #!about", MagicCommand.HashBangNames);
    }

    [Fact]
    public void About_names_the_kernel_roslyn_and_dotnet()
    {
        string text = (string)AboutKernel.Format().Data["text/plain"]!;
        Assert.Contains("coursenotes-csharp", text);
        Assert.Contains("Roslyn (C# scripting) 5.12", text);
        Assert.Contains(".NET 10", text);
    }
}
