namespace CourseNotes.Site;

/// <summary>The site cannot be built from this input; the message names the file, and the cell and the formula when known.</summary>
public sealed class SiteBuildException(string message) : Exception(message);
