package dev.tollgate.application.billing.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InviteCodesTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void givenAUser_whenTheCodeIsComputedAgainOrOnAnotherNode_thenItIsTheSameTenCharacterCode() {
        // given
        InviteCodes here = new InviteCodes(KEY);
        InviteCodes elsewhere = new InviteCodes(KEY.clone());

        // when
        String code = here.codeOf("root");

        // then
        assertThat(code).matches("[2-9A-HJ-NP-Z]{10}").isEqualTo(elsewhere.codeOf("root"));
        assertThat(InviteCodes.normalise("  " + code.toLowerCase() + " ")).isEqualTo(code);
    }

    @Test
    void givenAnotherKey_whenComputingTheCodeOfAWellKnownId_thenItDiffers() {
        byte[] other = KEY.clone();
        other[0] ^= 1;

        assertThat(new InviteCodes(other).codeOf("root")).isNotEqualTo(new InviteCodes(KEY).codeOf("root"));
        assertThatThrownBy(() -> new InviteCodes(new byte[16])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenTenThousandUsers_whenTheirCodesAreComputed_thenAllDiffer() {
        InviteCodes codes = new InviteCodes(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(codes.codeOf("user-" + i));
        }
        assertThat(seen).hasSize(10_000);
    }
}
