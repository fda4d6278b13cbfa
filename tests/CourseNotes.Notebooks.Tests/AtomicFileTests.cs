using System.Text;

namespace CourseNotes.Notebooks.Tests;

/// <summary>Atomic replacement: links followed, permissions and owner kept, stale temporaries removed, a changed file never replaced.</summary>
public class AtomicFileTests
{
    private static string Scratch()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_symbolic_link_is_followed_and_stays_a_link()
    {
        string folder = Scratch();
        string real = Path.Combine(folder, "real", "nb.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, "ancien");
        string link = Path.Combine(folder, "lien.ipynb");
        File.CreateSymbolicLink(link, Path.Combine("real", "nb.ipynb")); // relative, as people make them

        Assert.True(AtomicFile.Write(link, Bytes("nouveau")));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("nouveau", File.ReadAllText(real));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Mode_owner_and_group_are_kept()
    {
        string path = Path.Combine(Scratch(), "nb.ipynb");
        File.WriteAllText(path, "ancien");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite; // 660
        File.SetUnixFileMode(path, mode);
        bool root = Environment.UserName == "root";
        if (root) Assert.Equal(0, Chown(path, 1234, 5678));

        Assert.True(AtomicFile.Write(path, Bytes("nouveau")));
        Assert.Equal("nouveau", File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
        if (OperatingSystem.IsLinux() && root) Assert.Equal((1234u, 5678u), UnixStat.Owner(path));
    }

    [Fact]
    public void A_file_changed_since_it_was_read_is_not_replaced()
    {
        string path = Path.Combine(Scratch(), "nb.ipynb");
        File.WriteAllText(path, "lu");
        string read = AtomicFile.Hash(File.ReadAllBytes(path));
        File.WriteAllText(path, "modifié par l’enseignant");

        Assert.False(AtomicFile.Write(path, Bytes("exécuté"), expectedHash: read));
        Assert.Equal("modifié par l’enseignant", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        Assert.True(AtomicFile.Write(path, Bytes("exécuté"), expectedHash: AtomicFile.Hash(File.ReadAllBytes(path))));
        Assert.Equal("exécuté", File.ReadAllText(path));
    }

    [Fact]
    public void A_notebook_edited_meanwhile_is_kept_and_the_new_one_goes_beside_it()
    {
        string folder = Scratch();
        string path = Path.Combine(folder, "cours.ipynb");
        File.Copy(Path.Combine(CourseNotes.Tests.Shared.Repository.Fixtures, "parameters.ipynb"), path);
        var read = Notebook.Load(path);
        File.AppendAllText(path, " "); // the teacher's save
        byte[] edited = File.ReadAllBytes(path);

        string written = read.SaveUnlessChanged(path, read.ContentHash!);
        Assert.Equal(Path.Combine(folder, "cours.executed.ipynb"), written);
        Assert.Equal(edited, File.ReadAllBytes(path));
        Assert.Equal(read.Serialize(), File.ReadAllText(written));
        // A second conflict never overwrites the first result.
        Assert.Equal(Path.Combine(folder, "cours.executed-2.ipynb"), read.SaveUnlessChanged(path, read.ContentHash!));
        Assert.Equal(path, read.SaveUnlessChanged(path, AtomicFile.Hash(edited)));
    }

    [Fact]
    public void Temporaries_of_dead_processes_are_removed_and_live_ones_kept()
    {
        string folder = Scratch();
        string path = Path.Combine(folder, "nb.ipynb");
        File.WriteAllText(path, "ancien");
        int dead = DeadProcessId();
        string stale = $"{path}.{dead}.tmp", staleNew = $"{path}.{dead}-3.tmp", live = $"{path}.{Environment.ProcessId}-999.tmp", other = Path.Combine(folder, "autre.ipynb.1.tmp");
        foreach (string f in new[] { stale, staleNew, live, other }) File.WriteAllText(f, "moitié");

        Assert.True(AtomicFile.Write(path, Bytes("nouveau")));
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleNew));
        Assert.True(File.Exists(live)); // this process may still be writing it
        Assert.True(File.Exists(other)); // another file's
        Assert.Equal("nouveau", File.ReadAllText(path));
    }

    [Fact]
    public void Identity_sees_through_links_and_dot_dot()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "statx is Linux's");
        string folder = Scratch();
        string path = Path.Combine(folder, "a", "nb.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.CreateSymbolicLink(Path.Combine(folder, "b"), Path.Combine(folder, "a"));
        Assert.NotNull(UnixStat.Identity(path));
        Assert.Equal(UnixStat.Identity(path), UnixStat.Identity(Path.Combine(folder, "b", "..", "a", "nb.ipynb")));
        Assert.Equal(UnixStat.Identity(path), UnixStat.Identity(Path.Combine(folder, "b", "nb.ipynb")));
        Assert.Null(UnixStat.Identity(Path.Combine(folder, "absent")));
    }

    // A process id that no process has: one of a process that has exited.
    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown")]
    private static extern int Chown(string path, uint owner, uint group);
}
