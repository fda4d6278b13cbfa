namespace CourseNotes.Tests.Vae;

/// <summary>
/// Tests that run alone, never beside another test class: run in parallel with the training tests (whose
/// <c>NativeHeap.Release</c> forces full, compacting collections every epoch), the per-image refinement
/// failed once in libtorch (« toFloat » on a scalar that was not a float); alone it passes. Seen on
/// 2026-12-01, not yet explained: the collection keeps these tests out of the race until it is.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "libtorch tests that run alone";
}
