namespace CourseNotes.Kernel.Tests.Interrupts;

/// <summary>
/// The tests that run cells on a <c>ScriptEngine</c> inside the test process. The kernel's interrupt flag
/// (<c>Interruption</c>) is process-wide — one kernel per process — so an interrupt test running beside another
/// engine's cell would stop that cell too: these tests run one at a time and never beside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessEngineCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "In-process script engines (process-wide interrupt flag)";
}
