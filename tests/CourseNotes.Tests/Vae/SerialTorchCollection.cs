namespace CourseNotes.Tests.Vae;

/// <summary>
/// Tests that run alone, never beside another test class. libtorch's random generator and its intra-op thread count
/// are process-wide: a test that seeds (<c>VaeTraining.Seed</c>) and then draws a model's initial weights gets other
/// weights if a test class on another thread draws from the generator in between. BatchShardsTests builds two models
/// from one seed and compares their gradients; in a clean-clone CI run on 2026-12-02 (the third of three) they
/// differed by 0.489 against a largest component of 0.286, the mark of two different initialisations. Every test
/// class that seeds libtorch, or sets its thread count, belongs here. (The per-image refinement's « toFloat » failure
/// of 2026-12-01 was seen while training tests ran beside it; it has not come back since it was put here.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "libtorch tests that run alone";
}
