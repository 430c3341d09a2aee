package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentAddressTest {

    @Test
    void hostNamesAndIpv4TakeTheDefaultPortWhenNoneIsGiven() {
        assertThat(AgentAddress.parse("guest.example")).isEqualTo(AgentAddress.tcp("guest.example", 7393));
        assertThat(AgentAddress.parse(" 10.0.2.15:17393 ")).isEqualTo(AgentAddress.tcp("10.0.2.15", 17393));
        assertThat(AgentAddress.parse("localhost:1").port()).isEqualTo(1);
    }

    @Test
    void ipv6IsAllAddressWithoutBracketsAndTakesAPortOnlyInBrackets() {
        assertThat(AgentAddress.parse("fe80::1")).isEqualTo(AgentAddress.tcp("fe80::1", 7393));
        assertThat(AgentAddress.parse("::1")).isEqualTo(AgentAddress.tcp("::1", 7393));
        assertThat(AgentAddress.parse("[::1]:7000")).isEqualTo(AgentAddress.tcp("::1", 7000));
        assertThat(AgentAddress.parse("[fe80::1%eth0]")).isEqualTo(AgentAddress.tcp("fe80::1%eth0", 7393));
        assertThat(AgentAddress.parse("[::1]:7000")).hasToString("[::1]:7000");
    }

    @Test
    void aUnixSocketIsAnAbsolutePath() {
        AgentAddress socket = AgentAddress.parse("unix:/run/pvscope/agent.sock");
        assertThat(socket.socket()).contains(Path.of("/run/pvscope/agent.sock"));
        assertThat(socket.isUnixSocket()).isTrue();
        assertThat(socket).hasToString("unix:/run/pvscope/agent.sock");
        assertThat(AgentAddress.parse("unix:agent.sock").socket()).contains(Path.of("agent.sock").toAbsolutePath());
    }

    @Test
    void whatIsNotAnAddressIsRefusedWithWhatIsWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("")).withMessageContaining("nothing");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("host:70000"))
                .withMessageContaining("out of range");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("host:0"))
                .withMessageContaining("out of range 1-65535");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("host:-1"))
                .withMessageContaining("not a port number");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("host:"))
                .withMessageContaining("not a port number");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse(":7393"))
                .withMessageContaining("no host");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("[::1"))
                .withMessageContaining("missing ']'");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("[::1]7393"))
                .withMessageContaining("':port'");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("[10.0.0.1]:1"))
                .withMessageContaining("IPv6");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("a b:1"))
                .withMessageContaining("not a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("unix:"))
                .withMessageContaining("unix:/path");
    }

    @Test
    void listenAddressesNeedAPortAndMayAskForAnyFreeOne() {
        assertThat(AgentAddress.parseListen("127.0.0.1:0").port()).isZero();
        assertThat(AgentAddress.parseListen("[::]:7393")).isEqualTo(AgentAddress.tcp("::", 7393));
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parseListen("127.0.0.1"))
                .withMessageContaining("HOST:PORT");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parseListen("unix:/x"))
                .withMessageContaining("Unix socket");
    }

    @Test
    void resolvingNamesTheHostThatDoesNotResolveAndTellsLoopback() {
        assertThat(AgentAddress.parse("127.0.0.1:7393").resolve().getAddress().isLoopbackAddress()).isTrue();
        assertThat(AgentAddress.parse("[::1]").resolve().getAddress().isLoopbackAddress()).isTrue();
        assertThat(AgentAddress.parse("192.0.2.1").resolve().getAddress().isLoopbackAddress()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAddress.parse("no-such-host.invalid").resolve())
                .withMessage("unknown host: 'no-such-host.invalid'");
        assertThat(AgentAddress.parse("no-such-host.invalid").socket()).isEqualTo(Optional.empty());
    }
}
