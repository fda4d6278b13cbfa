// MSBuild inline task (RoslynCodeTaskFactory): marks chosen version requirements of an ELF shared
// library as weak when the system library that should provide them does not. See
// TorchSharpLibstdcxx.targets beside this file for why CourseNotes needs it.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenElfVersionNeeds : Task
{
    const uint ShtGnuVerdef = 0x6ffffffd;
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    /// <summary>The ELF files to patch (copies in an output folder, never a package cache).</summary>
    [Required] public ITaskItem[] Files { get; set; }

    /// <summary>The needed library whose versions may be weakened, e.g. libstdc++.so.6.</summary>
    [Required] public string Library { get; set; }

    /// <summary>Semicolon-separated versions that are safe to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string Versions { get; set; }

    public override bool Execute()
    {
        string system = FindSystemLibrary(Library);
        if (system == null)
        {
            Log.LogMessage(MessageImportance.Low, "No system " + Library + " found: nothing to patch.");
            return true;
        }
        var provided = new HashSet<string>(ReadVersionDefinitions(File.ReadAllBytes(system)));
        var weakenable = new HashSet<string>(Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries));
        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            byte[] elf = File.ReadAllBytes(path);
            int changed = 0;
            foreach (Need need in ReadVersionNeeds(elf).Where(n => n.File == Library && !provided.Contains(n.Version)))
            {
                if (!weakenable.Contains(need.Version))
                {
                    Log.LogWarning(path + " needs " + need.Version + " of " + Library + ", which " + system +
                                   " lacks and which is not known to be safe to weaken: it will not load here.");
                    continue;
                }
                ushort flags = ReadU16(elf, need.FlagsOffset);
                if ((flags & VerFlgWeak) != 0) continue;
                WriteU16(elf, need.FlagsOffset, (ushort)(flags | VerFlgWeak));
                changed++;
                Log.LogMessage(MessageImportance.High, "Marked " + need.Version + " weak in " + path +
                               " (" + system + " lacks it; see build/TorchSharpLibstdcxx.targets).");
            }
            if (changed > 0)
            {
                string aside = path + ".patching";
                File.WriteAllBytes(aside, elf);
                File.Delete(path); // a new file, never a write through a hard link into the package cache
                File.Move(aside, path);
            }
        }
        return !Log.HasLoggedErrors;
    }

    struct Need
    {
        public string File;
        public string Version;
        public int FlagsOffset;
    }

    static string FindSystemLibrary(string name)
    {
        try
        {
            var start = new ProcessStartInfo("/sbin/ldconfig", "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using (Process ldconfig = Process.Start(start))
            {
                string listing = ldconfig.StandardOutput.ReadToEnd();
                ldconfig.WaitForExit();
                foreach (string line in listing.Split('\n'))
                {
                    string trimmed = line.Trim();
                    if (!trimmed.StartsWith(name + " ") || !trimmed.Contains("x86-64")) continue;
                    string candidate = trimmed.Substring(trimmed.LastIndexOf("=> ", StringComparison.Ordinal) + 3).Trim();
                    if (System.IO.File.Exists(candidate)) return candidate;
                }
            }
        }
        catch (Exception) { /* no ldconfig: fall back to the usual folders */ }
        foreach (string folder in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
        {
            string candidate = Path.Combine(folder, name);
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        return null;
    }

    static IEnumerable<string> ReadVersionDefinitions(byte[] elf)
    {
        foreach (Section s in Sections(elf).Where(s => s.Type == ShtGnuVerdef))
        {
            Section strings = Sections(elf).ElementAt((int)s.Link);
            int entry = (int)s.Offset;
            while (true)
            {
                uint aux = ReadU32(elf, entry + 12);
                uint next = ReadU32(elf, entry + 16);
                yield return ReadString(elf, (int)strings.Offset + (int)ReadU32(elf, entry + (int)aux));
                if (next == 0) break;
                entry += (int)next;
            }
        }
    }

    static IEnumerable<Need> ReadVersionNeeds(byte[] elf)
    {
        foreach (Section s in Sections(elf).Where(s => s.Type == ShtGnuVerneed))
        {
            Section strings = Sections(elf).ElementAt((int)s.Link);
            int entry = (int)s.Offset;
            while (true)
            {
                ushort count = ReadU16(elf, entry + 2);
                string file = ReadString(elf, (int)strings.Offset + (int)ReadU32(elf, entry + 4));
                int aux = entry + (int)ReadU32(elf, entry + 8);
                for (int i = 0; i < count; i++)
                {
                    yield return new Need
                    {
                        File = file,
                        Version = ReadString(elf, (int)strings.Offset + (int)ReadU32(elf, aux + 8)),
                        FlagsOffset = aux + 4,
                    };
                    aux += (int)ReadU32(elf, aux + 12);
                }
                uint next = ReadU32(elf, entry + 12);
                if (next == 0) break;
                entry += (int)next;
            }
        }
    }

    struct Section
    {
        public uint Type;
        public ulong Offset;
        public uint Link;
    }

    static IEnumerable<Section> Sections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        ulong table = ReadU64(elf, 0x28);
        ushort size = ReadU16(elf, 0x3A);
        ushort count = ReadU16(elf, 0x3C);
        for (int i = 0; i < count; i++)
        {
            int header = (int)table + i * size;
            yield return new Section
            {
                Type = ReadU32(elf, header + 4),
                Offset = ReadU64(elf, header + 0x18),
                Link = ReadU32(elf, header + 0x28),
            };
        }
    }

    static ushort ReadU16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);
    static uint ReadU32(byte[] b, int at) => (uint)(ReadU16(b, at) | ReadU16(b, at + 2) << 16);
    static ulong ReadU64(byte[] b, int at) => ReadU32(b, at) | (ulong)ReadU32(b, at + 4) << 32;
    static void WriteU16(byte[] b, int at, ushort v) { b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); }

    static string ReadString(byte[] b, int at)
    {
        int end = at;
        while (b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
