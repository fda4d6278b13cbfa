namespace CourseNotes.Vae;

/// <summary>The decoder's distribution p_θ(x | h) over pixels.</summary>
public enum DecoderLikelihood
{
    /// <summary>Independent Bernoulli pixels: the output is a logit per pixel; a likelihood for binary images.</summary>
    Bernoulli,

    /// <summary>Independent Gaussian pixels of unit variance around the decoded mean: a likelihood for grey levels.</summary>
    Gaussian,
}
