// CourseNotes build script (Cake 7: `dotnet tool restore`, then `dotnet cake --target=NAME`).
//
//   Build       builds the solution (Release).
//   BuildTools  builds only the runner and the site tool (what the main job needs).
//   PublishLib  publishes the course library to artifacts/lib/, the one folder every notebook
//               references by the same relative path (#r "../artifacts/lib/CourseNotes.dll").
//   Test        builds, publishes the library, runs every test project and prints a summary line.
//   Notebooks   executes the chapters of course.yml in place through the runner, two at a time (skipped when
//               the execution cache says their outputs are current; --force=true runs them all).
//   Verify      re-executes the chapters of course.yml, two at a time, and compares with the stored outputs
//               (never cached).
//   Npm         installs the site's assets from package-lock.json (npm ci) when node_modules/ is missing or older.
//   Site        renders the executed notebooks of course.yml into _site/ (KaTeX at build time, plotly.js served
//               by the site itself); works from file:// and any static host.
//   Pdf         renders the site, then prints the handout (student and teacher editions) to _site/*.pdf with
//               Debian's Chromium through Playwright; without Chromium it says so and succeeds.
//   StudentEdition  writes student/*.ipynb: the notebooks without their cells tagged `solution`.
//   Default     the main job: publish the library, execute the notebooks (through the runner's cache),
//               render the site and print its handout (PDF, when Chromium is installed).
//
// course.yml is the one list of chapters: the site tool reads it (--chapters) for every target here.
// Tools are called through DotNet* aliases and StartProcess: the old Cake addins do not load in Cake 7.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");

var solution = File("./CourseNotes.sln");
var library = File("./lib/CourseNotes/CourseNotes.csproj");
var artifacts = Directory("./artifacts");
var publishedLibrary = artifacts + Directory("lib");
var testResults = artifacts + Directory("test-results");
var runner = File($"./lib/CourseNotes.Runner/bin/{configuration}/net10.0/CourseNotes.Runner.dll");
var force = Argument("force", false);
var siteTool = File($"./lib/CourseNotes.Site/bin/{configuration}/net10.0/CourseNotes.Site.dll");

// The chapters of course.yml, in order, as the site tool (built by BuildTools) reads them.
List<string> Chapters()
{
    var arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(siteTool).FullPath)
        .Append("--course").AppendQuoted(MakeAbsolute(File("./course.yml")).FullPath).Append("--chapters");
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true }, out IEnumerable<string> lines);
    var chapters = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
    if (exitCode != 0 || chapters.Count == 0) throw new CakeException($"course.yml lists no readable chapter (exit {exitCode}).");
    return chapters;
}

// Runs the notebook runner (built by BuildTools) on the chapters with the given arguments; fails the build on a non-zero exit.
// Two notebooks at a time: on the course's 2-core machine the five chapters took 163 s against 201 s one after the other
// (the small chapters spend most of their time compiling cells on one core). Each notebook's outputs are the same bits
// either way: a training splits its batches the same way whatever the load (BatchShards).
string[] TwoAtATime = ["--parallel", "2"];

void Runner(string command, IEnumerable<string> arguments)
{
    var notebooks = Chapters();
    var builder = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(runner).FullPath).Append(command);
    foreach (var argument in arguments) builder.Append(argument);
    foreach (var notebook in notebooks) builder.AppendQuoted(notebook);
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = builder });
    if (exitCode != 0) throw new CakeException($"The runner's {command} exited with {exitCode}.");
}

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

Task("BuildTools")
    .Description("Builds the runner (with the kernel and the Jupyter protocol) and the site tool.")
    .Does(() =>
{
    var settings = new DotNetBuildSettings { Configuration = configuration };
    DotNetBuild("./lib/CourseNotes.Runner/CourseNotes.Runner.csproj", settings);
    DotNetBuild("./lib/CourseNotes.Site/CourseNotes.Site.csproj", settings);
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
    .IsDependentOn("Npm")
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
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true }, out IEnumerable<string> redirected);
    var output = redirected.ToList(); // read once: Cake's sequence is a single pass over the output

    // The counts come from Microsoft.Testing.Platform's closing summary (total, failed, succeeded, skipped),
    // which covers every test project of the run.
    int Count(string label) => output.Select(l => l.Trim()).Where(l => l.StartsWith(label + ":"))
        .Select(l => int.Parse(l.Substring(label.Length + 1).Trim())).LastOrDefault();
    foreach (var line in output) Console.WriteLine(line);
    int passed = Count("succeeded"), failed = Count("failed"), skipped = Count("skipped");
    // A plain line (no colours) that CI and people read alike.
    Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (exitCode != 0 || failed > 0 || passed == 0)
        throw new CakeException($"Tests failed (dotnet test exited with {exitCode}; {passed} passed, {failed} failed).");
});

Task("Notebooks")
    .Description("Executes the chapters of course.yml in place, two at a time (execution cache; --force=true to re-run all).")
    .IsDependentOn("BuildTools")
    .IsDependentOn("PublishLib")
    .Does(() => Runner("execute", (force ? new[] { "--in-place", "--force" } : new[] { "--in-place" }).Concat(TwoAtATime)));

Task("Verify")
    .Description("Re-executes the chapters of course.yml, two at a time, and compares fresh outputs with the stored ones.")
    .IsDependentOn("BuildTools")
    .IsDependentOn("PublishLib")
    .Does(() => Runner("verify", TwoAtATime));

Task("Npm")
    .Description("npm ci, when node_modules/ is missing or older than package-lock.json.")
    .Does(() =>
{
    var marker = File("./node_modules/.package-lock.json");
    if (FileExists(marker) && System.IO.File.GetLastWriteTimeUtc(marker.Path.FullPath) >= System.IO.File.GetLastWriteTimeUtc("./package-lock.json"))
        return;
    int exitCode = StartProcess("npm", new ProcessSettings { Arguments = "ci --no-audit --no-fund" });
    if (exitCode != 0) throw new CakeException($"npm ci exited with {exitCode}.");
});

Task("Site")
    .Description("Renders the course (course.yml) with its stored outputs into _site/, the students' notebooks (student/) offered for download.")
    .IsDependentOn("BuildTools")
    .IsDependentOn("Npm")
    .IsDependentOn("StudentEdition")
    .Does(() =>
{
    var arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(siteTool).FullPath)
        .Append("--course").AppendQuoted(MakeAbsolute(File("./course.yml")).FullPath)
        .Append("--output").AppendQuoted(MakeAbsolute(Directory("./_site")).FullPath);
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments });
    if (exitCode != 0) throw new CakeException($"The site could not be rendered (exit {exitCode}).");
    Information($"Open {MakeAbsolute(File("./_site/index.html")).FullPath} in a browser.");
});

Task("Pdf")
    .Description("Renders the site and prints its handout to PDF (_site/polycopie-*.pdf) with Chromium, when installed.")
    .IsDependentOn("Build")
    .IsDependentOn("Npm")
    .Does(() =>
{
    var arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(siteTool).FullPath)
        .Append("--course").AppendQuoted(MakeAbsolute(File("./course.yml")).FullPath)
        .Append("--output").AppendQuoted(MakeAbsolute(Directory("./_site")).FullPath)
        .Append("--pdf");
    int exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments });
    if (exitCode != 0) throw new CakeException($"The site or its PDF could not be made (exit {exitCode}).");
});

Task("StudentEdition")
    .Description("Writes the students' notebooks (cells tagged 'solution' left out) to student/.")
    .IsDependentOn("BuildTools")
    .Does(() => Runner("student", new[] { "--output-dir", MakeAbsolute(Directory("./student")).FullPath }));

Task("Default")
    .Description("The main job: publish the library, execute the chapters, render the site, then print the handout (with Chromium).")
    .IsDependentOn("PublishLib")
    .IsDependentOn("Notebooks")
    .IsDependentOn("Site")
    .IsDependentOn("Pdf");

RunTarget(target);
