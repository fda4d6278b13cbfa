using CourseNotes.Runner.Tests.FaultInjection;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Runner.Tests;

/// <summary>The kernel's GC heap limit: how it is read, and an allocation storm ending in its cell (fault injection).</summary>
[Collection(FaultInjectionCollection.Name)]
public class KernelHeapLimitTests(ITestOutputHelper log)
{
    private const long Gb = 1L << 30, Mb = 1L << 20;

    [Theory]
    [InlineData("", 8 * Gb, 6 * Gb)]
    [InlineData(null, 8 * Gb, 6 * Gb)]
    [InlineData("512m", 8 * Gb, 512 * Mb)]
    [InlineData("4G", 8 * Gb, 4 * Gb)]
    [InlineData("50%", 8 * Gb, 4 * Gb)]
    [InlineData("1073741824", 8 * Gb, Gb)]
    [InlineData("", 32 * Mb, 64 * Mb)] // never below the minimum
    public void A_limit_is_read_as_a_size_a_percentage_or_the_default_share(string? text, long available, long expected) =>
        Assert.Equal(expected, KernelHeapLimit.Parse(text, available));

    [Fact]
    public void None_means_no_limit() => Assert.Null(KernelHeapLimit.Parse("none", 8 * Gb));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1g")]
    [InlineData("1m")]
    [InlineData("150%")]
    [InlineData("4 gigabytes")]
    public void A_bad_limit_is_named(string text)
    {
        var error = Assert.Throws<FormatException>(() => KernelHeapLimit.Parse(text, 8 * Gb));
        Assert.Contains(KernelHeapLimit.Variable, error.Message);
    }

    [Fact]
    public void An_allocation_storm_ends_as_an_OutOfMemoryException_in_its_cell_and_the_kernel_goes_on()
    {
        const int trials = 3;
        string folder = Repository.CopyFixtures();
        var launcher = KernelLauncher.Beside() with { HeapHardLimitBytes = Gb };
        for (int trial = 1; trial <= trials; trial++)
        {
            using var kernel = KernelClient.Start(launcher, folder, FaultInjectionCollection.Patience);
            Assert.Equal("ok", (string?)kernel.Execute("var before = 41;", FaultInjectionCollection.Patience, _ => { })?["status"]);
            var storm = kernel.Execute("{ var hoard = new List<byte[]>(); while (true) hoard.Add(new byte[1 << 20]); }", FaultInjectionCollection.Patience, _ => { });
            Assert.NotNull(storm);
            Assert.Equal("error", (string?)storm["status"]);
            Assert.Equal("System.OutOfMemoryException", (string?)storm["ename"]);
            // The hoard was the cell's: once it failed, the memory is free and the state from before is intact.
            var after = kernel.Execute("before + 1", FaultInjectionCollection.Patience, _ => { });
            Assert.True((string?)after?["status"] == "ok", $"trial {trial}: the kernel did not go on after the storm: {after?.ToJsonString()} {kernel.KernelLog}");
        }
        log.WriteLine($"{trials} trials: a 1 GB heap limit ended each allocation storm with System.OutOfMemoryException; the next cell ran");
    }
}
