
namespace CourseNotes.Jupyter.Tests;

/// <summary>The connection file holds the signing key: only its owner may read it.</summary>
public class ConnectionInfoTests
{
    [Fact]
    public void A_new_connection_file_is_readable_by_its_owner_only_and_round_trips()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
            return;
        }
        string path = Path.Combine(Path.GetTempPath(), $"coursenotes-test-{Guid.NewGuid():N}.json");
        var info = new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "secret-key", "hmac-sha256");
        try
        {
            info.WriteNew(path);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(info, ConnectionInfo.Load(path));
            Assert.Throws<IOException>(() => info.WriteNew(path)); // never overwrites (a file another user planted)
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ports_left_to_the_kernel_are_zero_until_it_writes_them_back()
    {
        var asked = ConnectionInfo.ForKernelChosenPorts();
        Assert.False(asked.PortsChosen);
        Assert.Equal(64, asked.Key.Length); // 256 random bits, in hex
        Assert.NotEqual(asked.Key, ConnectionInfo.ForKernelChosenPorts().Key);

        string file = ConnectionFolder.NewConnectionFile();
        try
        {
            asked.WriteNew(file);
            var chosen = asked with { ShellPort = 5001, IopubPort = 5002, StdinPort = 5003, ControlPort = 5004, HbPort = 5005 };
            chosen.Replace(file);
            Assert.Equal(chosen, ConnectionInfo.Load(file));
            Assert.True(ConnectionInfo.Load(file).PortsChosen);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!)); // no temporary file left beside it
        }
        finally
        {
            ConnectionFolder.Delete(file);
        }
    }
}
