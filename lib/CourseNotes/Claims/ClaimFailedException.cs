namespace CourseNotes.Claims;

/// <summary>A claim checked by <see cref="Claim"/> does not hold; the message says which and by how much, in French.</summary>
/// <param name="statement">The claim.</param>
/// <param name="reason">Why it does not hold.</param>
public sealed class ClaimFailedException(string statement, string reason)
    : Exception($"Affirmation fausse\u00A0: {statement} — {reason}.")
{
    /// <summary>The claim that failed.</summary>
    public string Statement { get; } = statement;
}
