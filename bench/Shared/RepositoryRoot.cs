/// <summary>The repository's root, found from a benchmark's folder (the folder that holds course.yml).</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "course.yml"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (course.yml) was not found above the benchmark.");
    }
}
