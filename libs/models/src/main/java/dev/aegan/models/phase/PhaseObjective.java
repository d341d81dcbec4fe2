package dev.aegan.models.phase;

/**
 * The loss of one phase, computed inside the phase's GradientCollector.
 *
 * <p>Rules for objectives, each one learnt the hard way:
 * <ul>
 *   <li>Constants go through {@link dev.aegan.models.nn.Scalars}, never {@code NDArray.mul(Number)}
 *       and friends: those corrupt gradients when the GC runs at the wrong moment.</li>
 *   <li>Randomness comes from {@link PhaseContext#random()} (or its helpers), never from torch's
 *       generator, so resumed runs repeat exactly.</li>
 *   <li>Run networks with {@link PhaseContext#parameters()} and {@code training = true}.</li>
 *   <li>Close nothing and do not modify the batch in place: the loop closes every tensor of the
 *       step when it ends, and later phases may see the same batch.</li>
 * </ul>
 */
@FunctionalInterface
public interface PhaseObjective {

    PhaseLoss compute(PhaseContext context);
}
