using MathNet.Numerics.LinearAlgebra;

namespace CourseNotes.LatentVariables;

/// <summary>
/// A latent-variable model with a continuous latent h ∈ ℝᵏ and an observation x ∈ ℝᴰ, given by its joint
/// <c>p(x, h) = p(x | h) p(h)</c>: what variational inference needs to estimate and maximise an ELBO.
/// </summary>
/// <remarks>Taught in <a href="../../notebooks/01-modeles-latents.ipynb">01-modeles-latents.ipynb</a>, section « Modèles à variables latentes ».</remarks>
public interface ILatentVariableModel
{
    /// <summary>The dimension K of the latent variable h.</summary>
    int LatentDimension { get; }

    /// <summary>The dimension D of the observation x.</summary>
    int ObservedDimension { get; }

    /// <summary>The log-joint <c>log p(x, h) = log p(x | h) + log p(h)</c>.</summary>
    double LogJoint(Vector<double> x, Vector<double> h);

    /// <summary>The gradient of the log-joint with respect to the latent, <c>∇_h log p(x, h)</c>: what the
    /// reparameterised gradient of the ELBO is made of.</summary>
    Vector<double> LogJointGradient(Vector<double> x, Vector<double> h);
}
