using Microsoft.DotNet.Interactive;

// In namespace System, as in the Polyglot C# kernel, so `x.Display()` needs no using.
namespace System;

/// <summary>The <c>.Display()</c> extension of the Polyglot C# kernel.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows the value below the cell (see <see cref="Kernel.display"/>).</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => Kernel.display(value, mimeTypes);
}
