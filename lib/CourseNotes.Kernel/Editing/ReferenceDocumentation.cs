using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace CourseNotes.Kernel.Editing;

/// <summary>
/// Metadata references that carry their XML documentation, so completion and inspection can show a
/// member's summary. An assembly's documentation is the <c>.xml</c> beside it (the course library, the
/// kernel, NuGet packages); the .NET runtime ships none beside its implementation assemblies, so theirs is
/// read from the SDK's reference pack (<c>packs/Microsoft.NETCore.App.Ref/VERSION/ref/netX.Y/*.xml</c>),
/// where <c>System.Private.CoreLib</c>'s types are documented in <c>System.Runtime.xml</c> and a few others.
/// Without an SDK (a runtime-only machine) members simply have no summary.
/// </summary>
public static class ReferenceDocumentation
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.Ordinal);
    private static readonly string[] CoreLibDocumentation =
        ["System.Runtime", "System.Collections", "System.Threading", "System.Memory", "System.Runtime.Intrinsics", "System.Console"];

    /// <summary>A reference to the same file as <paramref name="reference"/>, with its documentation; other references are returned as they are.</summary>
    public static MetadataReference WithDocumentation(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference { FilePath: { } path } portable || !File.Exists(path)) return reference;
        return Cache.GetOrAdd(path, p => MetadataReference.CreateFromFile(p, portable.Properties, ProviderFor(p)));
    }

    private static DocumentationProvider ProviderFor(string assemblyPath)
    {
        string name = Path.GetFileNameWithoutExtension(assemblyPath);
        var files = new List<string>();
        string beside = Path.ChangeExtension(assemblyPath, ".xml");
        if (File.Exists(beside)) files.Add(beside);
        else if (ReferencePackFolder(assemblyPath) is { } pack)
        {
            IEnumerable<string> names = name == "System.Private.CoreLib" ? CoreLibDocumentation : [name];
            files.AddRange(names.Select(n => Path.Combine(pack, n + ".xml")).Where(File.Exists));
        }
        return files.Count == 0 ? DocumentationProvider.Default : new XmlFiles(files);
    }

    /// <summary>The reference pack folder of the runtime <paramref name="assemblyPath"/> belongs to, or null when it is not a runtime assembly or no SDK is installed.</summary>
    private static string? ReferencePackFolder(string assemblyPath)
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/X.dll → <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>/
        var version = new DirectoryInfo(Path.GetDirectoryName(assemblyPath)!);
        if (version.Parent is not { Name: "Microsoft.NETCore.App", Parent: { Name: "shared", Parent: { } root } }) return null;
        var packs = new DirectoryInfo(Path.Combine(root.FullName, "packs", "Microsoft.NETCore.App.Ref"));
        if (!packs.Exists) return null;
        var pack = packs.GetDirectories().FirstOrDefault(d => d.Name == version.Name)
                   ?? packs.GetDirectories().OrderByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version()).FirstOrDefault();
        return pack?.GetDirectories("ref").FirstOrDefault()?.GetDirectories("net*").OrderByDescending(d => d.Name, StringComparer.Ordinal).FirstOrDefault()?.FullName;
    }

    /// <summary>
    /// The members documented in one or more XML documentation files (read on first use, the first file
    /// that documents a member wins).
    /// </summary>
    private sealed class XmlFiles(IReadOnlyList<string> files) : DocumentationProvider
    {
        private readonly Lazy<Dictionary<string, string>> _members = new(() =>
        {
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in files)
            {
                try
                {
                    foreach (var member in System.Xml.Linq.XDocument.Load(file).Descendants("member"))
                        if (member.Attribute("name")?.Value is { } id) members.TryAdd(id, member.ToString());
                }
                catch (System.Xml.XmlException) { } // an unreadable file documents nothing
            }
            return members;
        });

        protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
            _members.Value.GetValueOrDefault(documentationMemberID);

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
