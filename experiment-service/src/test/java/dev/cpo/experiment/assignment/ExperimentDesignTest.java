package dev.cpo.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Tone;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentDesignTest {

    @Test
    void defaultDesignHasControlAndOneTreatmentPerTone() {
        ExperimentDesign design = ExperimentDesign.defaultDesign("exp-1", 42, AllocationStrategy.PERMUTED_BLOCKS);

        assertThat(design.arms()).extracting(Arm::name)
                .containsExactly("control", "urgent", "informational", "friendly");
        assertThat(design.control().kind()).isEqualTo(ArmKind.CONTROL);
        assertThat(design.control().tone()).isNull();
        assertThat(design.arm("urgent").tone()).isEqualTo(Tone.URGENT);
        assertThat(design.arm("friendly").kind()).isEqualTo(ArmKind.TREATMENT);
        assertThat(design.arms()).allSatisfy(a -> assertThat(a.weight()).isEqualTo(1));
        assertThat(design.totalWeight()).isEqualTo(4);
        assertThat(design.targetShare(design.control())).isEqualTo(0.25);
        assertThat(design.newAllocator()).isInstanceOf(PermutedBlockAllocator.class);
        assertThat(ExperimentDesign.defaultDesign("e", 1, AllocationStrategy.SALTED_HASH).newAllocator())
                .isInstanceOf(SaltedHashAllocator.class);
    }

    @Test
    void rejectsNoControl() {
        assertThatThrownBy(() -> design(List.of(Arm.treatment("urgent", Tone.URGENT, 1),
                Arm.treatment("friendly", Tone.FRIENDLY, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one control arm, found 0");
    }

    @Test
    void rejectsTwoControls() {
        assertThatThrownBy(() -> design(List.of(Arm.control("control", 1), Arm.control("control-2", 1),
                Arm.treatment("urgent", Tone.URGENT, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one control arm, found 2");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> design(List.of(Arm.control("control", 1), Arm.treatment("x", Tone.URGENT, 1),
                Arm.treatment("x", Tone.FRIENDLY, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate arm name 'x'");
    }

    @Test
    void rejectsNonPositiveWeight() {
        assertThatThrownBy(() -> Arm.treatment("urgent", Tone.URGENT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight must be positive");
        assertThatThrownBy(() -> Arm.control("control", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight must be positive");
    }

    @Test
    void rejectsOtherInconsistencies() {
        assertThatThrownBy(() -> new Arm("control", ArmKind.CONTROL, Tone.URGENT, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control arm has no tone");
        // An imported experiment's treatments have no tone; two of them may coexist.
        assertThat(design(List.of(Arm.control("control", 1), Arm.untonedTreatment("a", 1),
                Arm.untonedTreatment("b", 1))).arms()).hasSize(3);
        assertThatThrownBy(() -> design(List.of(Arm.control("control", 1), Arm.treatment("a", Tone.URGENT, 1),
                Arm.treatment("b", Tone.URGENT, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share the tone urgent");
        assertThatThrownBy(() -> design(List.of(Arm.control("control", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two arms");
        assertThatThrownBy(() -> new ExperimentDesign(" ", ExperimentDesign
                .defaultDesign("e", 1, AllocationStrategy.SALTED_HASH).arms(), 1, AllocationStrategy.SALTED_HASH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("experimentId");
        assertThatThrownBy(() -> ExperimentDesign.defaultDesign("e", 1, AllocationStrategy.SALTED_HASH).arm("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no arm 'nope'");
    }

    private static ExperimentDesign design(List<Arm> arms) {
        return new ExperimentDesign("exp-1", arms, 7, AllocationStrategy.SALTED_HASH);
    }
}
