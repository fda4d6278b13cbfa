// CourseNotes build script (Cake 7: `dotnet tool restore`, then `dotnet cake --target=NAME`).
//
//   Build       builds the solution (Release).
//   PublishLib  publishes the course library to artifacts/lib/, the one folder every notebook
//               references by the same relative path (#r "../artifacts/lib/CourseNotes.dll").
//   Test        builds, publishes the library, runs every test project and prints a summary line.
//   Default     the main job: today the published library; executing the notebooks and rendering
//               the site join it as those parts land.
//
// Tools are called through DotNet* aliases and StartProcess: the old Cake addins do not load in Cake 7.
using System.Text.Json;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");

var solution = File("./CourseNotes.sln");
var library = File("./lib/CourseNotes/CourseNotes.csproj");
var artifacts = Directory("./artifacts");
var publishedLibrary = artifacts + Directory("lib");
var testResults = artifacts + Directory("test-results");

Task("Clean")
    .Description("Deletes artifacts/ and every bin/ and obj/ folder.")
    .Does(() =>
{
    CleanDirectory(artifacts);
    CleanDirectories("./lib/**/bin");
    CleanDirectories("./lib/**/obj");
    CleanDirectories("./tests/**/bin");
    CleanDirectories("./tests/**/obj");
});

Task("Build")
    .Description("Builds the solution.")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("PublishLib")
    .Description("Publishes the course library, for this machine's runtime, to artifacts/lib/.")
    .Does(() =>
{
    // The folder's path names no runtime or configuration, so notebooks reference it alike on every OS;
    // its content is for the machine that built it (TorchSharp's natives for this OS only).
    var settings = new DotNetPublishSettings
    {
        Configuration = configuration,
        OutputDirectory = publishedLibrary,
        SelfContained = false,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("UseCurrentRuntimeIdentifier", "true"),
    };
    DotNetPublish(library, settings);
});

Task("Test")
    .Description("Runs every test project; prints 'Tests: N passed, N failed, N skipped'.")
    .IsDependentOn("Build")
    .IsDependentOn("PublishLib")
    .Does(() =>
{
    CleanDirectory(testResults);
    var arguments = new ProcessArgumentBuilder()
        .Append("test")
        .Append("--solution").AppendQuoted(solution.Path.FullPath)
        .Append("--configuration").Append(configuration)
        .Append("--no-build")
        .Append("--results-directory").AppendQuoted(MakeAbsolute(testResults).FullPath)
        .Append("--report-xunit-ctrf");
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments });

    int passed = 0, failed = 0, skipped = 0;
    foreach (var report in GetFiles($"{testResults}/**/*.ctrf"))
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(report.FullPath));
        var summary = json.RootElement.GetProperty("results").GetProperty("summary");
        passed += summary.GetProperty("passed").GetInt32();
        failed += summary.GetProperty("failed").GetInt32();
        skipped += summary.GetProperty("skipped").GetInt32();
    }
    // A plain line (no colours) that CI and people read alike.
    Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (exitCode != 0 || failed > 0 || passed == 0)
        throw new CakeException($"Tests failed (dotnet test exited with {exitCode}; {passed} passed, {failed} failed).");
});

Task("Default")
    .Description("The main job.")
    .IsDependentOn("PublishLib");

RunTarget(target);
