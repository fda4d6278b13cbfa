namespace CourseNotes.Jupyter;

/// <summary>
/// A private folder for one kernel's connection file (which holds the HMAC key): a new, uniquely named
/// folder in the temporary folder, readable by its owner only (0700, as Jupyter's runtime folder), so no
/// other user can read or replace the file, whatever the file's own mode. The client deletes it when the
/// kernel ends; a kernel whose client died deletes it itself (see the kernel's parent watch).
/// </summary>
public static class ConnectionFolder
{
    /// <summary>Name prefix of the folders, to find leftovers.</summary>
    public const string Prefix = "coursenotes-kernel-";

    /// <summary>Creates the folder and returns the path of the (not yet written) connection file in it.</summary>
    public static string NewConnectionFile()
    {
        // CreateTempSubdirectory creates the folder with mode 0700 on Unix (mkdtemp); set it again to say so.
        var folder = Directory.CreateTempSubdirectory(Prefix);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.Combine(folder.FullName, "connection.json");
    }

    /// <summary>
    /// Deletes <paramref name="connectionFile"/> and, when it is the only thing left in a folder made by
    /// <see cref="NewConnectionFile"/>, that folder; missing files are ignored.
    /// </summary>
    public static void Delete(string connectionFile)
    {
        try
        {
            File.Delete(connectionFile);
            string? folder = Path.GetDirectoryName(connectionFile);
            if (folder is not null && Path.GetFileName(folder).StartsWith(Prefix, StringComparison.Ordinal)
                && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process removed it first, or it is gone already.
        }
    }
}
