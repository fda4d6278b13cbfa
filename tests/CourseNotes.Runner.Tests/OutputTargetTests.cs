namespace CourseNotes.Runner.Tests;

/// <summary>No output of the runner may overwrite a source notebook, however the folder is written; nothing runs then.</summary>
public class OutputTargetTests
{
    [Fact]
    public void An_output_folder_that_would_overwrite_a_source_is_refused()
    {
        string folder = ScratchNotebook.Folder();
        string notebooks = Directory.CreateDirectory(Path.Combine(folder, "notebooks")).FullName;
        string path = ScratchNotebook.Write(notebooks, "cours.ipynb", "Console.WriteLine(1);");
        string other = ScratchNotebook.Write(Directory.CreateDirectory(Path.Combine(folder, "autre")).FullName, "cours.ipynb", "1");
        File.CreateSymbolicLink(Path.Combine(folder, "lien"), notebooks);
        string file = Path.Combine(folder, "fichier");
        File.WriteAllText(file, "x");
        // A link to the source in another folder: writing through it would reach the source.
        string linked = Directory.CreateDirectory(Path.Combine(folder, "sortie-liee")).FullName;
        File.CreateSymbolicLink(Path.Combine(linked, "cours.ipynb"), path);
        byte[] before = File.ReadAllBytes(path);

        (string[] Args, string Message)[] cases =
        [
            (["execute", "--output-dir", notebooks, path], "would overwrite its source"),
            (["execute", "--output-dir", Path.Combine(notebooks, "..", "notebooks"), path], "would overwrite its source"),
            (["execute", "--output-dir", Path.Combine(folder, "lien"), path], "would overwrite its source"),
            (["execute", "--output-dir", Path.GetRelativePath(Environment.CurrentDirectory, notebooks), Path.GetRelativePath(Environment.CurrentDirectory, path)], "would overwrite its source"),
            (["execute", "--output-dir", linked, path], "would overwrite its source"),
            (["execute", "--output-dir", Path.Combine(folder, "sortie"), path, other], "would both be written to"),
            (["execute", "--output-dir", file, path], "is a file, not a folder"),
            (["student", "--output-dir", Path.Combine(folder, "lien"), path], "would overwrite its source"),
        ];
        string cwd = Environment.CurrentDirectory;
        foreach (var (args, message) in cases)
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            int code = RunnerCommand.Run(args, output, errors);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {errors}{output}");
            Assert.Contains(message, errors.ToString());
            Assert.DoesNotContain("   at ", errors.ToString());
            Assert.Equal("", output.ToString()); // nothing ran
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(Directory.Exists(Path.Combine(folder, "sortie")));
        Assert.Equal(cwd, Environment.CurrentDirectory);
    }
}
