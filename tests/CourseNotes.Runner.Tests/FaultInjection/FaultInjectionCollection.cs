namespace CourseNotes.Runner.Tests.FaultInjection;

/// <summary>
/// The fault-injection tests start many kernels and flood them: they run alone (not beside other test
/// classes), and wait long before calling a slow start a failure — what they check is that nothing is lost
/// or left behind, not speed (a 2-core machine shared with other builds took 40 s for one first cell).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Fault injection";

    /// <summary>How long a kernel start or a cell may take before the test calls it a failure.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
}
