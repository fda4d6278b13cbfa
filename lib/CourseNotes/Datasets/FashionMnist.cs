namespace CourseNotes.Datasets;

/// <summary>The two parts of Fashion-MNIST.</summary>
public enum FashionMnistPart
{
    /// <summary>The 60 000 training images (<c>train-*</c> files).</summary>
    Train,

    /// <summary>The 10 000 test images (<c>t10k-*</c> files).</summary>
    Test,
}

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017), the data set of the original course's VAE: 28 × 28 grey
/// images of clothing in 10 classes, 60 000 for training and 10 000 for testing, stored as four gzipped IDX
/// files (<see cref="IdxFile"/>). The files are looked for, in this order, in an explicit folder, in
/// <c>$COURSENOTES_DATA/fashion-mnist</c>, in the per-user cache <see cref="CacheFolder"/> and in Debian's
/// folder <see cref="DebianFolder"/> (<c>apt-get install dataset-fashion-mnist</c>); the first folder that holds
/// all four wins. When an explicit folder does not hold them, <see cref="Load"/> says so on the standard error
/// (French, then English) and names the folder it read instead, so that a mistyped folder is never passed over in
/// silence.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/04-autoencodeurs-variationnels.ipynb">04-autoencodeurs-variationnels.ipynb</a>, section « Les données ».</remarks>
public static partial class FashionMnist
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image, 784.</summary>
    public const int Pixels = Side * Side;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The environment variable naming a data folder; Fashion-MNIST is looked for in its <c>fashion-mnist</c> subfolder.</summary>
    public const string DataEnvironmentVariable = "COURSENOTES_DATA";

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The French names of the classes, by label 0 … 9.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/haut", "pantalon", "pull", "robe", "manteau", "sandale", "chemise", "basket", "sac", "bottine"];

    /// <summary>The four file names, as the data set's authors and Debian distribute them.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>
    /// The per-user cache folder: <c>CourseNotes/datasets/fashion-mnist</c> under the local application-data
    /// folder (<c>%LOCALAPPDATA%</c> on Windows, <c>~/Library/Application Support</c> on macOS,
    /// <c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux).
    /// </summary>
    public static string CacheFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "CourseNotes", "datasets", "fashion-mnist");

    /// <summary>The folders looked at, in order: <paramref name="folder"/> if given, <c>$COURSENOTES_DATA/fashion-mnist</c> if set, <see cref="CacheFolder"/>, <see cref="DebianFolder"/>.</summary>
    public static IReadOnlyList<string> SearchFolders(string? folder = null)
    {
        var folders = new List<string>();
        if (!string.IsNullOrWhiteSpace(folder)) folders.Add(Path.GetFullPath(folder));
        string? data = Environment.GetEnvironmentVariable(DataEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(data)) folders.Add(Path.GetFullPath(Path.Combine(data, "fashion-mnist")));
        folders.Add(CacheFolder);
        folders.Add(DebianFolder);
        return folders;
    }

    /// <summary>
    /// The first folder of <see cref="SearchFolders"/> that holds the four files; otherwise throws
    /// <see cref="FileNotFoundException"/> whose message (French, then English) names every folder looked at
    /// and the ways to get the files.
    /// </summary>
    public static string Locate(string? folder = null) => Locate(SearchFolders(folder));

    /// <summary>The first of <paramref name="folders"/> that holds the four files; otherwise <see cref="FileNotFoundException"/> naming each of them.</summary>
    public static string Locate(IReadOnlyList<string> folders)
    {
        foreach (string candidate in folders)
            if (FileNames.All(name => File.Exists(Path.Combine(candidate, name))))
                return candidate;
        string list = string.Join(Environment.NewLine, folders.Select(f => "  - " + f));
        throw new FileNotFoundException(
            "Fashion-MNIST introuvable\u00A0: aucun de ces dossiers ne contient les quatre fichiers "
            + $"({string.Join(", ", FileNames)})\u00A0:{Environment.NewLine}{list}{Environment.NewLine}"
            + "Pour les obtenir\u00A0: sous Debian ou Ubuntu, «\u00A0sudo apt-get install dataset-fashion-mnist\u00A0»\u202F; "
            + "ailleurs (Windows, macOS), la cellule «\u00A0await FashionMnist.DownloadAsync();\u00A0» "
            + $"les télécharge dans {CacheFolder}\u202F; ou placez-les dans un dossier et indiquez-le "
            + $"(argument «\u00A0folder\u00A0» ou variable {DataEnvironmentVariable}).{Environment.NewLine}"
            + "Fashion-MNIST not found: none of the folders above holds the four files. Install Debian's "
            + "dataset-fashion-mnist package, run « await FashionMnist.DownloadAsync(); », or pass the folder that holds them.");
    }

    /// <summary>Reads one part of the data set from the folder <see cref="Locate(string?)"/> finds.</summary>
    /// <param name="part">Training (60 000 images) or test (10 000 images).</param>
    /// <param name="folder">A folder to look in first (the four files); <c>null</c> to search the usual places. When
    /// it does not hold them, the usual places are searched and a line on the standard error says which folder was read.</param>
    public static FashionMnistSet Load(FashionMnistPart part, string? folder = null)
    {
        var folders = SearchFolders(folder);
        string root = Locate(folders);
        if (!string.IsNullOrWhiteSpace(folder) && root != folders[0]) // an explicit folder is the first searched
            Console.Error.WriteLine(
                $"FashionMnist\u00A0: le dossier «\u00A0{folders[0]}\u00A0» ne contient pas les quatre fichiers\u202F; lus dans {root}. "
                + $"(The folder {folders[0]} does not hold the four files; read from {root}.)");
        string prefix = part == FashionMnistPart.Train ? "train" : "t10k";
        string imagesPath = Path.Combine(root, $"{prefix}-images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(root, $"{prefix}-labels-idx1-ubyte.gz");
        var images = IdxFile.Read(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        if (images.Shape is not [_, Side, Side])
            throw new InvalidDataException($"{imagesPath}: shape [{string.Join(", ", images.Shape)}], expected [N, {Side}, {Side}].");
        if (labels.Shape is not [_] || labels.Shape[0] != images.Shape[0])
            throw new InvalidDataException($"{labelsPath}: shape [{string.Join(", ", labels.Shape)}], expected [{images.Shape[0]}] (one label per image of {imagesPath}).");
        int bad = Array.FindIndex(labels.Data, l => l >= ClassCount);
        if (bad >= 0)
            throw new InvalidDataException($"{labelsPath}: label {labels.Data[bad]} of image {bad} is not a class (0 … {ClassCount - 1}).");
        return new FashionMnistSet(images.Data, labels.Data);
    }
}
