namespace CourseNotes.Datasets;

/// <summary>How far <see cref="FashionMnist.DownloadAsync"/> has got with one file.</summary>
/// <param name="FileName">The file being received, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="BytesReceived">Bytes of it received so far, 0 ≤ BytesReceived.</param>
/// <param name="TotalBytes">Its size as the server announced it, or <c>null</c> when the server did not say.</param>
public readonly record struct FashionMnistDownloadProgress(string FileName, long BytesReceived, long? TotalBytes);
