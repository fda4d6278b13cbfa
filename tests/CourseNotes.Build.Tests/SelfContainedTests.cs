using System.Text;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Build.Tests;

/// <summary>A plain clone runs the whole suite: no test reads the shared folder that sits beside the development checkout.</summary>
public class SelfContainedTests
{
    [Fact]
    public void No_test_reads_the_shared_folder_beside_the_checkout()
    {
        string parent = new StringBuilder("..").Append('/').Append("shared").ToString();
        string[] words = [parent, "\"..\", \"shared\"", "Repository." + "Shared"];
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetExtension(f) is ".cs" or ".py" or ".csproj" or ".json")
            .Where(f => words.Any(w => File.ReadAllText(f).Contains(w, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Repository.Root, f));
        Assert.Empty(offenders);
    }
}
