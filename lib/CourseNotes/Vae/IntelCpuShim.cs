using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace CourseNotes.Vae;

/// <summary>
/// Lets MKL take its Intel code paths on another vendor's x86-64 processor, so that <c>MKL_CBWR=AVX2</c> holds there too.
/// Why: MKL honours a reproducibility branch on Intel processors only; elsewhere it keeps its AUTO branch
/// (<c>mkl_serv_cbwr_get</c> reads 2, not 10), and a seeded training gives other bits than the stored outputs. MKL asks
/// <c>mkl_serv_intel_cpu_true</c> whether the processor is Intel's; libtorch exports it without binding it to itself, so
/// a library loaded into the global scope before libtorch answers in its place. This one is a minimal ELF shared object,
/// written here in memory (<c>memfd_create</c>: no file, no compiler), whose one function returns 1. Measured on an AMD
/// EPYC (Zen 4): MKL then reports branch 10, and notebooks 4 and 5 re-execute to their stored outputs, byte for byte.
/// Every instruction of MKL's AVX2 path exists on such processors (AVX2 and FMA are required before this runs). Loaded
/// on other vendors' processors only: on Intel's, MKL's own answer is already « Intel ».
/// </summary>
internal static class IntelCpuShim
{
    /// <summary>The function the shim defines, MKL's vendor check.</summary>
    public const string Function = "mkl_serv_intel_cpu_true";

    /// <summary>True once the shim is in the process's global scope (then libtorch, loaded later, binds to it).</summary>
    public static bool Loaded { get; private set; }

    /// <summary>
    /// Loads the shim into the global scope; false when the system refuses (no <c>memfd_create</c> or <c>dlopen</c> in libc,
    /// a sandbox that forbids them…): then MKL keeps its own choice, and <see cref="CpuCodePath.IsFixed"/> says so. It runs
    /// in the library's module initializer, where an exception would make every type of the library unusable: none leaves.
    /// </summary>
    public static bool Load()
    {
        if (Loaded) return true;
        try
        {
            int fd = MemfdCreate("coursenotes-intel-cpu", MfdCloexec);
            if (fd < 0) return false;
            using var file = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);   // closed once loaded
            RandomAccess.Write(file, Image(), fileOffset: 0);
            Loaded = DlOpen($"/proc/self/fd/{fd}", RtldNow | RtldGlobal) != IntPtr.Zero;
            return Loaded;
        }
#pragma warning disable CA1031 // Any failure only means no shim: see the summary.
        catch (Exception)
        {
            return false;
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// The shared object's bytes: an ELF64 header; four program headers (code and read-only tables, read and execute;
    /// the dynamic section, read and write, on its own page; PT_DYNAMIC; a non-executable stack); a System V hash table,
    /// the symbol and string tables; the code, <c>mov eax, 1; ret</c>.
    /// </summary>
    public static byte[] Image()
    {
        const int header = 64, programHeader = 56, programHeaders = 4, page = 0x1000;
        byte[] names = Encoding.ASCII.GetBytes("\0" + Function + "\0");   // the string table: the empty name, then the function's at 1
        const int symbols = 2;                               // the null symbol, then the function
        int hash = header + programHeader * programHeaders;
        int symbolTable = Align(hash + 4 * (2 + 1 + symbols), 8);
        int strings = symbolTable + 24 * symbols;
        int code = Align(strings + names.Length, 16);
        byte[] instructions = [0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3];
        int textEnd = code + instructions.Length;
        (long Tag, long Value)[] dynamic = [(4, hash), (5, strings), (6, symbolTable), (10, names.Length), (11, 24), (0, 0)];
        var image = new byte[page + 16 * dynamic.Length];

        // ELF header: 64-bit, little-endian, shared object for x86-64.
        "\u007FELF"u8.CopyTo(image);
        image[4] = 2; image[5] = 1; image[6] = 1;
        U16(16, 3); U16(18, 62); U32(20, 1); U64(32, header);
        U16(52, header); U16(54, programHeader); U16(56, programHeaders);
        // Program headers: type, flags (1 execute, 2 write, 4 read), offset, address, address, sizes, alignment.
        Segment(0, type: 1, flags: 5, offset: 0, size: textEnd, align: page);
        Segment(1, type: 1, flags: 6, offset: page, size: 16 * dynamic.Length, align: page);
        Segment(2, type: 2, flags: 6, offset: page, size: 16 * dynamic.Length, align: 8);
        Segment(3, type: 0x6474E551, flags: 6, offset: 0, size: 0, align: 16);   // PT_GNU_STACK
        // Hash table: nbucket 1, nchain 2; bucket[0] = symbol 1, and both chain entries 0 (the end), as the array starts.
        U32(hash, 1); U32(hash + 4, symbols); U32(hash + 8, 1);
        // Symbol 1: name offset, global function, default visibility, a defined section index, address, size.
        int symbol = symbolTable + 24;
        U32(symbol, 1); image[symbol + 4] = 0x12; U16(symbol + 6, 1); U64(symbol + 8, code); U64(symbol + 16, instructions.Length);
        names.CopyTo(image, strings);
        instructions.CopyTo(image, code);
        for (int i = 0; i < dynamic.Length; i++) { U64(page + 16 * i, dynamic[i].Tag); U64(page + 16 * i + 8, dynamic[i].Value); }
        return image;

        void Segment(int index, uint type, uint flags, long offset, long size, long align)
        {
            int at = header + programHeader * index;
            U32(at, type); U32(at + 4, flags); U64(at + 8, offset); U64(at + 16, offset); U64(at + 24, offset);
            U64(at + 32, size); U64(at + 40, size); U64(at + 48, align);
        }
        void U16(int at, int value) => BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(at), (ushort)value);
        void U32(int at, long value) => BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), (uint)value);
        void U64(int at, long value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at), (ulong)value);
        static int Align(int value, int to) => (value + to - 1) / to * to;
    }

    private const int MfdCloexec = 1, RtldNow = 2, RtldGlobal = 0x100;

    [DllImport("libc", EntryPoint = "memfd_create")]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags);

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);
}
