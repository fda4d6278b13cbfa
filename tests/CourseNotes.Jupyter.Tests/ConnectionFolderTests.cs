namespace CourseNotes.Jupyter.Tests;

/// <summary>A kernel's connection file lives in a private folder, removed with it.</summary>
public class ConnectionFolderTests
{
    [Fact]
    public void The_folder_is_private_and_deleted_with_its_file()
    {
        string file = ConnectionFolder.NewConnectionFile();
        string folder = Path.GetDirectoryName(file)!;
        try
        {
            Assert.StartsWith(ConnectionFolder.Prefix, Path.GetFileName(folder));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            ConnectionInfo.ForKernelChosenPorts().WriteNew(file);
            ConnectionFolder.Delete(file);
            Assert.False(File.Exists(file));
            Assert.False(Directory.Exists(folder));
            ConnectionFolder.Delete(file); // twice: nothing left to delete, no error
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_holding_something_else_is_kept()
    {
        string file = ConnectionFolder.NewConnectionFile();
        string folder = Path.GetDirectoryName(file)!;
        try
        {
            File.WriteAllText(file, "{}");
            File.WriteAllText(Path.Combine(folder, "other"), "");
            ConnectionFolder.Delete(file);
            Assert.False(File.Exists(file));
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
