namespace CourseNotes.Runner;

/// <summary>A mistake on the command line: the runner prints the message and the usage, and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
