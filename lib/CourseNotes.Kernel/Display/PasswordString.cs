// In the namespace of the Polyglot C# kernel's type of the same name, so notebooks written for it run unchanged.
namespace Microsoft.DotNet.Interactive;

/// <summary>
/// A secret typed by the user (<see cref="Kernel.GetPasswordAsync"/>): it never shows itself — its
/// <see cref="ToString"/>, and so its display below a cell, is a row of asterisks.
/// </summary>
public sealed class PasswordString(string clearTextPassword)
{
    /// <summary>The secret as typed.</summary>
    public string GetClearTextPassword() => clearTextPassword;

    /// <summary>"************", whatever the secret (its length is not shown either).</summary>
    public override string ToString() => "************";
}
