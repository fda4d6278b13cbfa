using System.Runtime.InteropServices;

namespace CourseNotes.Vae;

/// <summary>
/// The process's native environment, the one libtorch and its back ends read (glibc's <c>getenv</c> and <c>setenv</c>;
/// .NET keeps a copy of its own, which native code does not see). Linux only: elsewhere, and on a Linux without glibc,
/// <see cref="Get"/> returns null and <see cref="SetUnlessPresent"/> writes nothing.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>The variable's native value, or null when it is unset or the native environment cannot be read.</summary>
    public static string? Get(string name)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try { return Marshal.PtrToStringUTF8(GetEnv(name)); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
    }

    /// <summary>Sets the variable unless it is present (a value the user set is kept); false when nothing could be written.</summary>
    public static bool SetUnlessPresent(string name, string value)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return SetEnv(name, value, 0) == 0; }   // overwrite 0: a value already there is kept
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
