using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CourseNotes.Notebooks;

/// <summary>
/// Replaces a file so that a reader, or a crash at any point, sees either the old content or the new one:
/// the new bytes go to a temporary file beside the target (<c>NAME.PID-N.tmp</c>), flushed to disk, then
/// renamed over it.
/// <list type="bullet">
/// <item>A symbolic link is followed: its final target is replaced, the link stays a link.</item>
/// <item>The target's permissions are kept, and on Linux its owner and group (as far as the system
/// allows: only root may give a file to another user, so a file owned by someone else keeps its group
/// and mode and becomes the writer's).</item>
/// <item>A temporary file left by a process that no longer runs (killed during a save) is removed by the
/// next save of the same target, or by <see cref="RemoveStaleTemporaries"/>. A <c>kill -9</c> during a
/// save can leave one: no process can clean up after its own <c>kill -9</c>.</item>
/// <item>With an expected content hash, the target is re-read just before the rename and replaced only
/// when it still has that content: an edit saved meanwhile is never lost (the window left is the time
/// between that check and the rename, microseconds, against the minutes of a notebook's run).</item>
/// </list>
/// </summary>
public static partial class AtomicFile
{
    private static int _counter;

    /// <summary>The SHA-256 of <paramref name="bytes"/>, as lower-case hex: the content hash compared before a replacement.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The final target of <paramref name="path"/> (every symbolic link followed), as a full path.</summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.LinkTarget is null ? full : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> atomically. Returns false, and leaves the
    /// target untouched, when <paramref name="expectedHash"/> is given and the target's content no longer
    /// has that hash (or the target is gone), or when <paramref name="createNew"/> is set and the target exists.
    /// </summary>
    public static bool Write(string path, ReadOnlySpan<byte> content, string? expectedHash = null, bool createNew = false)
    {
        string target = Resolve(path);
        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        RemoveStaleTemporaries(target);
        string aside = $"{target}.{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}.tmp";
        try
        {
            bool exists = File.Exists(target);
            using (var stream = new FileStream(aside, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // Permissions first, so the content is never more readable than the file it replaces.
                if (exists && !OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(target));
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (exists) UnixStat.CopyOwner(target, aside);
            if (expectedHash is not null && (!File.Exists(target) || Hash(File.ReadAllBytes(target)) != expectedHash)) return false;
            if (createNew)
            {
                try { File.Move(aside, target, overwrite: false); }
                catch (IOException) when (File.Exists(target)) { return false; }
            }
            else File.Move(aside, target, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(aside)) File.Delete(aside);
        }
    }

    /// <summary>Removes the temporary files of <paramref name="path"/> left by processes that no longer run; returns how many.</summary>
    public static int RemoveStaleTemporaries(string path)
    {
        string target = Resolve(path);
        string folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder)) return 0;
        string name = Path.GetFileName(target);
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, name + ".*.tmp"))
        {
            var match = Temporary().Match(Path.GetFileName(file)[name.Length..]);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out int pid) || IsRunning(pid)) continue;
            try { File.Delete(file); removed++; }
            catch (IOException) { } // another process removed it first
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    // ".PID.tmp" (older saves) or ".PID-N.tmp", after the target's name.
    [GeneratedRegex(@"^\.(\d+)(?:-\d+)?\.tmp$")]
    private static partial Regex Temporary();
}
