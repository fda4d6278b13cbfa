using System.Runtime.InteropServices;

namespace CourseNotes.Notebooks;

/// <summary>
/// What .NET does not expose of a file on Linux — its owner and group, and its identity (device and
/// inode) — read with <c>statx(2)</c>, whose layout is the same on every architecture; and
/// <c>chown(2)</c> to give an owner to another file. Elsewhere every answer is null and nothing changes.
/// </summary>
public static class UnixStat
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8, StatxGid = 0x10, StatxIno = 0x100;

    /// <summary>The owner and group of <paramref name="path"/> (links followed), or null when unknown.</summary>
    public static (uint Uid, uint Gid)? Owner(string path) =>
        Read(path, StatxUid | StatxGid) is { } b ? (Field<uint>(b, 20), Field<uint>(b, 24)) : null;

    /// <summary>
    /// The identity of the file at <paramref name="path"/> (links followed): device and inode, the same for
    /// every path that reaches that file (symbolic links, hard links, "..", bind mounts); null when unknown
    /// or when there is no such file.
    /// </summary>
    public static (uint Major, uint Minor, ulong Inode)? Identity(string path) =>
        Read(path, StatxIno) is { } b ? (Field<uint>(b, 136), Field<uint>(b, 140), Field<ulong>(b, 32)) : null;

    /// <summary>
    /// Gives <paramref name="to"/> the owner and group of <paramref name="from"/>: both when allowed (root,
    /// or the same owner), else the group alone when the writer belongs to it, else nothing.
    /// </summary>
    public static void CopyOwner(string from, string to)
    {
        if (Owner(from) is not { } source || Owner(to) is not { } copy || source == copy) return;
        if (Chown(to, source.Uid, source.Gid) == 0) return;
        Chown(to, uint.MaxValue, source.Gid); // owner -1: kept
    }

    private static byte[]? Read(string path, uint mask)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256]; // struct statx
        try
        {
            return Statx(AtFdCwd, path, 0, mask, buffer) == 0 ? buffer : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // struct statx: stx_mask u32 @0, stx_blksize u32 @4, stx_attributes u64 @8, stx_nlink u32 @16, stx_uid u32 @20,
    // stx_gid u32 @24, stx_mode u16 @28, stx_ino u64 @32, …, stx_dev_major u32 @136, stx_dev_minor u32 @140.
    private static T Field<T>(byte[] buffer, int offset) where T : struct => MemoryMarshal.Read<T>(buffer.AsSpan(offset));

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
