using CourseNotes.Kernel.Execution;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Kernel.Tests.Execution;

/// <summary><c>#r "nuget: …"</c> serves the course library's packages from its published folder, and names only those when it refuses.</summary>
public class PackageCatalogTests
{
    private static PackageCatalog Published()
    {
        string deps = Path.Combine(Repository.Root, PackageCatalog.LibraryFolder, "CourseNotes.deps.json");
        Requirements.That(File.Exists(deps), $"needs the published course library ({deps}): dotnet cake --target=PublishLib");
        return PackageCatalog.ForCourseLibrary(AppContext.BaseDirectory);
    }

    [Fact]
    public void It_serves_exactly_the_packages_the_course_library_references()
    {
        var catalog = Published();
        // The course library's own PackageReferences (lib/CourseNotes/CourseNotes.csproj), with Directory.Packages.props' versions.
        Assert.Equal(
            ["MathNet.Numerics 5.0.0", "Microsoft.DotNet.Interactive.Formatting 1.0.0-beta.23562.1", "OxyPlot.Core 2.2.0",
             "Plotly.NET 6.0.0", "Plotly.NET.CSharp 0.14.0", "TorchSharp-cpu 0.107.0"],
            catalog.Served);
    }

    [Fact]
    public void A_package_resolves_to_its_assemblies_and_its_dependencies_in_the_published_folder()
    {
        var catalog = Published();
        string folder = Path.Combine(Repository.Root, PackageCatalog.LibraryFolder);
        var torch = catalog.Resolve("TorchSharp-cpu", "0.107.0").Select(Path.GetFileName).ToList();
        Assert.Contains("TorchSharp.dll", torch);
        Assert.Contains("Google.Protobuf.dll", torch); // a dependency of TorchSharp
        var plotly = catalog.Resolve("plotly.net", null);
        Assert.Contains(Path.Combine(folder, "Plotly.NET.dll"), plotly);
        Assert.Contains(Path.Combine(folder, "FSharp.Core.dll"), plotly);
        Assert.All(plotly, file => Assert.Equal(folder, Path.GetDirectoryName(file)));
        Assert.Equal(plotly, catalog.Resolve("Plotly.NET", "*"));
        // A dependency comes with its package, never on its own: the course library does not reference it.
        Assert.StartsWith("the package Newtonsoft.Json is not available", Assert.Throws<ArgumentException>(() => catalog.Resolve("Newtonsoft.Json", "13.0.4")).Message);
    }

    [Fact]
    public void Refusals_name_the_course_librarys_packages_and_never_the_kernels_internals()
    {
        var catalog = Published();
        var unknown = Assert.Throws<ArgumentException>(() => catalog.Resolve("NetMQ", null)); // the kernel's, not the course library's
        Assert.StartsWith("the package NetMQ is not available to this kernel (no download happens at run time); it serves the course library's packages: MathNet.Numerics 5.0.0, ", unknown.Message);
        Assert.Contains("TorchSharp-cpu 0.107.0", unknown.Message);
        Assert.DoesNotContain("CodeAnalysis", unknown.Message);
        var version = Assert.Throws<ArgumentException>(() => catalog.Resolve("Plotly.NET", "5.0.0"));
        Assert.StartsWith("Plotly.NET 5.0.0 is not available to this kernel; it serves Plotly.NET 6.0.0.", version.Message);
    }

    [Fact]
    public void Without_a_published_library_the_error_says_how_to_publish_it()
    {
        string empty = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        var error = Assert.Throws<ArgumentException>(() => PackageCatalog.ForCourseLibrary(empty).Resolve("Plotly.NET", null));
        Assert.Contains("the course library is not published", error.Message);
        Assert.Contains("dotnet cake --target=PublishLib", error.Message);
    }
}
