namespace CourseNotes.Site.Pages;

/// <summary>
/// « Lancer ce chapitre »: how to run a chapter on one's own machine — clone the repository, run the main job (which
/// publishes the course library the notebooks load and executes them), install the C# kernel, open the notebook —
/// and the notebook to download, the complete one and the students' edition (without solutions) when the build has it.
/// </summary>
public static class LaunchPanel
{
    /// <summary>The panel's HTML for <paramref name="page"/>.</summary>
    /// <param name="course">The course (its repository address, if it gives one).</param>
    /// <param name="page">A chapter.</param>
    /// <param name="studentEdition">Whether the site carries the students' edition of the notebook (<c>notebooks/etudiant/</c>).</param>
    public static string Html(Course course, Page page, bool studentEdition)
    {
        string notebook = Path.GetFileName(page.Source);
        string clone = course.Repository.Length > 0
            ? $"git clone {Site.Html.Encode(course.Repository)}\ncd {Site.Html.Encode(Folder(course.Repository))}"
            : "git clone &lt;adresse du dépôt du cours&gt;\ncd &lt;dossier du dépôt&gt;";
        string student = studentEdition
            ? $" · <a href=\"notebooks/etudiant/{Site.Html.Encode(notebook)}\" download>édition étudiant, sans les solutions</a>"
            : " · l’édition étudiant, sans les solutions, s’obtient avec <code>dotnet cake --target=StudentEdition</code> (dossier <code>student/</code>)";
        return $"""
            <details class="launch">
            <summary>Lancer ce chapitre</summary>
            <p>Le notebook charge la bibliothèque du cours, construite depuis le dépôt&#160;: il ne s’exécute pas seul. Sur une machine avec le SDK .NET&#160;10, Node.js et Git&#160;:</p>
            <ol>
            <li>Cloner le dépôt&#160;:<pre class="source" tabindex="0" role="region" aria-label="Commandes"><code>{clone}</code></pre></li>
            <li>Lancer la tâche principale (bibliothèque, exécution des notebooks, site)&#160;:<pre class="source" tabindex="0" role="region" aria-label="Commandes"><code>dotnet tool restore
            dotnet cake</code></pre></li>
            <li>Déclarer le noyau C# auprès de Jupyter&#160;:<pre class="source" tabindex="0" role="region" aria-label="Commandes"><code>dotnet lib/CourseNotes.Runner/bin/Release/net10.0/CourseNotes.Runner.dll install-kernel</code></pre></li>
            <li>Ouvrir <code>notebooks/{Site.Html.Encode(notebook)}</code> dans VS Code ou Jupyter et choisir le noyau <strong>C# (CourseNotes)</strong>.</li>
            </ol>
            <p>Télécharger ce notebook&#160;: <a href="notebooks/{Site.Html.Encode(notebook)}" download>complet</a>{student}.</p>
            </details>

            """;
    }

    // The folder git clone makes: the last segment of the address without .git.
    private static string Folder(string repository)
    {
        string last = repository.TrimEnd('/').Split('/', ':')[^1];
        return last.EndsWith(".git", StringComparison.Ordinal) ? last[..^4] : last;
    }
}
