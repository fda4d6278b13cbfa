namespace CourseNotes.Inference;

/// <summary>The family of Gaussians q_φ(h | x) = 𝒩(m, L Lᵀ) searched by variational inference.</summary>
/// <remarks>Taught in <a href="../../notebooks/03-inference-variationnelle.ipynb">03-inference-variationnelle.ipynb</a>, section « Maximiser l'ELBO ».</remarks>
public enum CovarianceStructure
{
    /// <summary>L any lower-triangular matrix with a positive diagonal: every Gaussian, the exact posterior of a Gaussian model included.</summary>
    Full,

    /// <summary>L diagonal (mean field): the coordinates of h independent under q, as in a VAE's encoder.</summary>
    MeanField,
}
