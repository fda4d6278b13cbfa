namespace CourseNotes.Kernel.Magics;

/// <summary>
/// A cell directive of this kernel (the Polyglot C# kernel's names, which it calls magic commands): what
/// <c>#!lsmagic</c> lists and what the error for an unknown <c>#!…</c> names.
/// </summary>
/// <param name="Usage">How it is written, e.g. <c>#!import path</c>.</param>
/// <param name="Description">What it does (French, as the notebooks).</param>
public sealed record MagicCommand(string Usage, string Description)
{
    /// <summary>Every directive this kernel supports, in the order <c>#!lsmagic</c> shows them.</summary>
    public static IReadOnlyList<MagicCommand> All { get; } =
    [
        new("#!markdown", "en tête de cellule : la cellule est du Markdown, affiché (text/markdown) au lieu d’être exécuté"),
        new("#!csharp", "la cellule est du C# (seul langage de ce noyau) ; aussi #!c#"),
        new("#!time", "affiche la durée d’exécution de la cellule"),
        new("#!import chemin", "exécute d’abord un fichier .cs, .csx ou les cellules C# d’un .ipynb"),
        new("#!who", "liste les noms des variables définies"),
        new("#!whos", "liste les variables : nom, type, valeur (tenseurs : forme, type, appareil)"),
        new("#!lsmagic", "liste ces commandes"),
        new("#!about", "décrit ce noyau (version, Roslyn, .NET)"),
        new("#r \"nuget: Nom, Version\"", "référence un paquet de la bibliothèque du cours (TorchSharp-cpu, Plotly.NET, MathNet.Numerics…) sans téléchargement"),
        new("#r \"fichier.dll\"", "référence une assembly (chemin relatif au dossier du notebook)"),
        new("#i \"nuget: source\"", "accepté et sans effet : aucun paquet n’est téléchargé"),
    ];

    /// <summary>The names of the <c>#!</c> commands, for error messages: "#!markdown, #!csharp, …".</summary>
    public static string HashBangNames => string.Join(", ", All.Where(m => m.Usage.StartsWith("#!", StringComparison.Ordinal)).Select(m => m.Usage.Split(' ')[0]));
}
