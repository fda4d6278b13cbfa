using System.Text;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Build.Tests;

/// <summary>
/// The notebooks' execution key hashes the course library's and the engine's bytes: they must not
/// depend on where the repository was cloned, or every clone would re-execute and rewrite every notebook.
/// </summary>
public class ReproducibleBuildTests
{
    public static TheoryData<string> Assemblies => new(
        "artifacts/lib/CourseNotes.dll",
        "lib/CourseNotes.Runner/bin/Release/net10.0/CourseNotes.Runner.dll",
        "lib/CourseNotes.Runner/bin/Release/net10.0/kernel/CourseNotes.Kernel.dll",
        "lib/CourseNotes.Runner/bin/Release/net10.0/CourseNotes.Jupyter.dll",
        "lib/CourseNotes.Runner/bin/Release/net10.0/CourseNotes.Notebooks.dll");

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Built_assemblies_name_no_path_of_this_checkout(string relative)
    {
        string path = Path.Combine(Repository.Root, relative);
        Assert.True(File.Exists(path), $"{path} is missing: the Test target builds and publishes it first");
        byte[] bytes = File.ReadAllBytes(path);
        string root = Repository.Root.TrimEnd(Path.DirectorySeparatorChar);
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
            Assert.True(IndexOf(bytes, encoding.GetBytes(root)) < 0, $"{relative} contains the checkout's path {root} ({encoding.WebName})");
        Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes("/_/")) >= 0, $"{relative} names its sources under /_/ (PathMap)");
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
