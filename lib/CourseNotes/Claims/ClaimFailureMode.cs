namespace CourseNotes.Claims;

/// <summary>What a failed <see cref="Claim"/> does (see <see cref="ClaimFailures"/>).</summary>
public enum ClaimFailureMode
{
    /// <summary>The claim throws <see cref="ClaimFailedException"/>: the cell stops, the runner and CI fail.</summary>
    Strict,

    /// <summary>The claim writes « ✗ … » to standard error and the cell goes on.</summary>
    Report,
}
