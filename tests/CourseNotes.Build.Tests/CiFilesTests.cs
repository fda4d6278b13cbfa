using CourseNotes.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace CourseNotes.Build.Tests;

/// <summary>
/// The CI files adopters use (.github/workflows/*.yml, .gitlab-ci.yml) cannot run here: they are checked
/// by validators (action-validator for GitHub's schema, yamllint for YAML) and against the README and
/// .ci/run, so that all of them run the same commands.
/// </summary>
public class CiFilesTests
{
    private const string TestCommand = "dotnet tool restore && dotnet cake --target=Test";
    private const string MainCommand = "dotnet tool restore && dotnet cake";

    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Repository.Root, .. parts]));

    private static string[] Workflows => Directory.GetFiles(Path.Combine(Repository.Root, ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Readme_ci_run_and_workflows_run_the_same_commands()
    {
        string readme = Read("README.md");
        Assert.Contains($"`{TestCommand}`", readme);
        Assert.Contains($"`{MainCommand}`", readme);

        // .ci/run: the test command by default, the main job with "main"; the same two commands.
        var run = Read(".ci", "run").Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("dotnet tool restore", run);
        Assert.Contains("dotnet cake --target=Test", run);
        Assert.Contains("dotnet cake", run);
        Assert.Contains("export COURSENOTES_REQUIRE_ALL=1", run);

        // Every workflow runs both through .ci/run, tests first.
        foreach (string file in Workflows.Append(Path.Combine(Repository.Root, ".gitlab-ci.yml")))
        {
            string text = File.ReadAllText(file);
            int tests = text.IndexOf("bash .ci/run\n", StringComparison.Ordinal);
            int main = text.IndexOf("bash .ci/run main", StringComparison.Ordinal);
            Assert.True(tests >= 0 && main > tests, $"{file} runs `bash .ci/run` then `bash .ci/run main`");
            Assert.DoesNotContain("dotnet cake", text.Replace("dotnet cake --target=Test", "").Replace("dotnet tool restore && dotnet cake", ""));
        }
    }

    [Fact]
    public void The_github_workflow_publishes_the_site_to_pages()
    {
        string workflow = Read(".github", "workflows", "ci.yml");
        Assert.Contains("actions/upload-pages-artifact", workflow);
        Assert.Contains("path: _site", workflow);
        Assert.Contains("actions/deploy-pages", workflow);
        Assert.Contains("pages: write", workflow);
    }

    [Fact]
    public void The_gitlab_pipeline_is_well_formed_and_publishes_the_site()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Read(".gitlab-ci.yml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var stages = ((YamlSequenceNode)root["stages"]).Select(s => s.ToString()).ToList();
        var jobs = root.Children.Where(c => c.Key.ToString() is not ("stages" or "variables" or "default" or "workflow" or "include")).ToDictionary(c => c.Key.ToString(), c => (YamlMappingNode)c.Value);
        Assert.Equal(["pages", "test"], jobs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, job) in jobs)
        {
            Assert.True(job.Children.ContainsKey("script"), $"job {name} has a script");
            Assert.Contains(job["stage"].ToString(), stages);
            if (job.Children.TryGetValue("needs", out var needs))
                Assert.All((YamlSequenceNode)needs, n => Assert.Contains(n.ToString(), jobs.Keys));
        }
        Assert.Equal(["public"], ((YamlSequenceNode)jobs["pages"]["artifacts"]["paths"]).Select(p => p.ToString()));
        Assert.Equal(["_site/"], ((YamlSequenceNode)jobs["test"]["artifacts"]["paths"]).Select(p => p.ToString()));
    }

    [Fact]
    public void Action_validator_accepts_every_github_workflow()
    {
        string validator = Path.Combine(Repository.Root, ".ci", "node_modules", ".bin", "action-validator");
        Requirements.That(File.Exists(validator), "needs npm's @action-validator/cli in .ci/node_modules (.ci/run installs it)");
        Assert.NotEmpty(Workflows);
        foreach (string workflow in Workflows)
        {
            var (code, output) = Requirements.Run(validator, [workflow], TimeSpan.FromMinutes(1));
            Assert.True(code == 0, $"{workflow}: {output}");
        }
        // The validator does reject a broken workflow (a misspelt key), so the check above can fail.
        string broken = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"), "broken.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, Read(".github", "workflows", "ci.yml").Replace("runs-on:", "runs-onn:"));
        Assert.NotEqual(0, Requirements.Run(validator, [broken], TimeSpan.FromMinutes(1)).ExitCode);
    }

    [Fact]
    public void Yamllint_accepts_every_ci_file()
    {
        bool present = File.Exists("/usr/bin/yamllint");
        Requirements.That(present, "needs Debian's yamllint (apt-get install yamllint; .ci/run installs it)");
        // GitHub's `on:` key reads as a boolean to YAML 1.1 linters: the truthy rule is for values only.
        string config = "{extends: default, rules: {line-length: {max: 140}, truthy: {check-keys: false}, document-start: disable}}";
        var files = Workflows.Append(Path.Combine(Repository.Root, ".gitlab-ci.yml")).ToList();
        var (code, output) = Requirements.Run("/usr/bin/yamllint", ["--strict", "-d", config, .. files], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
    }
}
