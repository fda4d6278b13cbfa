using System.Runtime.InteropServices;

namespace CourseNotes.Tests.Vae;

/// <summary>The process's native environment, as libtorch reads it (glibc's <c>getenv</c>; .NET keeps its own copy).</summary>
internal static class NativeEnvironment
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>The variable's native value, or null.</summary>
    public static string? Value(string name) => Marshal.PtrToStringUTF8(GetEnv(name));
}
