namespace CourseNotes.Claims;

/// <summary>
/// Chooses what a failed <see cref="Claim"/> does, when it fails.
/// <list type="bullet">
/// <item><see cref="ClaimFailureMode.Strict"/> where the course's computations reproduce the stored outputs bit for bit:
/// Linux x86-64 with AVX2 and FMA, libtorch's CPU back ends on the path the library fixes (<c>MKL_CBWR=AVX2</c>,
/// <c>ATEN_CPU_CAPABILITY=avx2</c>). There, a false claim is an error of the course: the cell stops, and the runner and CI fail.</item>
/// <item><see cref="ClaimFailureMode.Report"/> elsewhere (Windows, macOS, ARM, a back end the user chose): a training
/// differs there from the stored one in its last digits, and the difference grows with the steps, so a claim about a
/// particular image, rank or count of the stored run may not hold for this run. The claim writes « ✗ … » to standard
/// error, with the reason once, and the notebook goes on, so that a student's Run All reaches the end.</item>
/// </list>
/// The environment variable <c>COURSENOTES_CLAIMS</c> (<c>strict</c> or <c>report</c>), read at each failure, chooses on any machine.
/// </summary>
/// <remarks>Used by every notebook, through <see cref="Claim"/>.</remarks>
public static class ClaimFailures
{
    /// <summary>The environment variable that chooses the mode on any machine: <c>strict</c> or <c>report</c>.</summary>
    public const string Variable = "COURSENOTES_CLAIMS";

    private static int explained;

    /// <summary>The mode for a value of <see cref="Variable"/> (null or empty when unset), on a machine that reproduces the stored outputs or not.</summary>
    /// <exception cref="ArgumentException">The value is neither <c>strict</c> nor <c>report</c>.</exception>
    public static ClaimFailureMode Choose(string? setting, bool reproducible) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" => reproducible ? ClaimFailureMode.Strict : ClaimFailureMode.Report,
        "strict" => ClaimFailureMode.Strict,
        "report" => ClaimFailureMode.Report,
        _ => throw new ArgumentException($"{Variable}={setting} : valeur inconnue, attendu strict ou report ({Variable}={setting}: expected strict or report).", nameof(setting)),
    };

    /// <summary>Writes the failure as « ✗ Affirmation fausse : … » to <paramref name="error"/>, and, the first time in the process, why the cell goes on.</summary>
    /// <param name="failure">The claim that does not hold.</param>
    /// <param name="error">Where to write (the cell's standard error).</param>
    /// <param name="reproducible">Whether this machine reproduces the stored outputs (then the variable chose the mode).</param>
    public static void Report(ClaimFailedException failure, TextWriter error, bool reproducible)
    {
        error.WriteLine($"✗ {failure.Message}");
        if (Interlocked.Exchange(ref explained, 1) == 0) error.WriteLine(reproducible ? ChosenReason : MachineReason);
    }

    private const string MachineReason =
        "(Sur cette machine, libtorch ne calcule pas sur le chemin que le cours fixe, AVX2 sous Linux x86-64\u00A0: un entraînement " +
        "y diffère de celui des sorties enregistrées dans ses derniers chiffres, et l’écart grandit au fil des pas. Une affirmation " +
        "sur une image, un rang ou un compte particuliers peut donc ne plus tenir\u00A0; elle est signalée ici et le notebook continue. " +
        "Les sorties enregistrées, elles, ont été vérifiées. " + Variable + "=strict arrête la cellule à la première affirmation fausse.)";

    private const string ChosenReason =
        "(" + Variable + "=report\u00A0: les affirmations fausses sont signalées sans arrêter la cellule.)";
}
