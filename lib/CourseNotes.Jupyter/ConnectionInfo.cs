using System.Text.Json.Nodes;
using CourseNotes.Notebooks;

namespace CourseNotes.Jupyter;

/// <summary>A Jupyter connection file: transport, address, the five ports and the signing key.</summary>
public sealed record ConnectionInfo(string Transport, string Ip, int ShellPort, int IopubPort, int StdinPort, int ControlPort, int HbPort, string Key, string SignatureScheme)
{
    /// <summary>Reads a connection file as Jupyter writes it.</summary>
    public static ConnectionInfo Load(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new ConnectionInfo(
            (string?)json["transport"] ?? "tcp", (string?)json["ip"] ?? "127.0.0.1",
            (int)json["shell_port"]!, (int)json["iopub_port"]!, (int)json["stdin_port"]!, (int)json["control_port"]!, (int)json["hb_port"]!,
            (string?)json["key"] ?? "", (string?)json["signature_scheme"] ?? "hmac-sha256");
    }

    /// <summary>The connection file's JSON.</summary>
    public string ToJson() => new JsonObject
    {
        ["transport"] = Transport, ["ip"] = Ip, ["shell_port"] = ShellPort, ["iopub_port"] = IopubPort,
        ["stdin_port"] = StdinPort, ["control_port"] = ControlPort, ["hb_port"] = HbPort,
        ["key"] = Key, ["signature_scheme"] = SignatureScheme, ["kernel_name"] = KernelspecNames.CourseNotes,
    }.ToJsonString();

    /// <summary>
    /// Writes the connection file at <paramref name="path"/>, which must not exist yet: the file is created
    /// readable and writable by its owner only (0600, the Jupyter convention) before the key is written into it,
    /// so no other user of the machine can read the key and drive the kernel.
    /// </summary>
    public void WriteNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson()));
    }

    /// <summary>
    /// A connection file for a kernel that chooses its own ports: loopback, every port 0 (the kernel binds
    /// free ports and writes them back, see <see cref="PortsChosen"/>, so no two kernels race for a port),
    /// a fresh random 256-bit key.
    /// </summary>
    public static ConnectionInfo ForKernelChosenPorts() =>
        new("tcp", "127.0.0.1", 0, 0, 0, 0, 0, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), "hmac-sha256");

    /// <summary>True when every port is set (not 0).</summary>
    public bool PortsChosen => ShellPort > 0 && IopubPort > 0 && StdinPort > 0 && ControlPort > 0 && HbPort > 0;

    /// <summary>
    /// Replaces the connection file at <paramref name="path"/> atomically with this one: written owner-only
    /// beside it, then renamed over it, so a reader sees the old content or the new, never a part.
    /// </summary>
    public void Replace(string path)
    {
        string next = $"{path}.{Guid.NewGuid():N}.new";
        try
        {
            WriteNew(next);
            File.Move(next, path, overwrite: true);
        }
        finally
        {
            File.Delete(next);
        }
    }

    /// <summary>The ZeroMQ address of a port, e.g. tcp://127.0.0.1:5555.</summary>
    public string Address(int port) => $"{Transport}://{Ip}:{port}";
}
