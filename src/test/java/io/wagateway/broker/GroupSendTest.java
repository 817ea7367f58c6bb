package io.wagateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender thread against a scripted JMS session: what goes into each broker transaction. */
class GroupSendTest {

    final ConnectionFactory factory = mock(ConnectionFactory.class);
    final Connection connection = mock(Connection.class);
    final Session session = mock(Session.class);
    final MessageProducer producer = mock(MessageProducer.class);
    /** Per commit (or rollback by failure), the bodies sent since the one before. */
    final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    final List<String> open = Collections.synchronizedList(new ArrayList<>());
    final List<TextMessage> created = Collections.synchronizedList(new ArrayList<>());
    GroupSend groupSend;

    @BeforeEach
    void session() throws Exception {
        when(factory.createConnection()).thenReturn(connection);
        when(connection.createSession(true, Session.SESSION_TRANSACTED)).thenReturn(session);
        when(session.createProducer(null)).thenReturn(producer);
        when(session.createQueue(anyString())).thenAnswer(call -> {
            Queue queue = mock(Queue.class);
            when(queue.getQueueName()).thenReturn(call.getArgument(0));
            return queue;
        });
        when(session.createTextMessage(anyString())).thenAnswer(call -> {
            TextMessage message = mock(TextMessage.class);
            when(message.getText()).thenReturn(call.getArgument(0));
            created.add(message);
            return message;
        });
        when(session.createTopic(anyString())).thenAnswer(call -> {
            Topic topic = mock(Topic.class);
            when(topic.getTopicName()).thenReturn(call.getArgument(0));
            return topic;
        });
        doAnswer(call -> open.add(((TextMessage) call.getArgument(1)).getText())).when(producer)
                .send(any(Destination.class), any(TextMessage.class), anyInt(), anyInt(), anyLong());
    }

    @AfterEach
    void stop() throws Exception {
        groupSend.stop();
    }

    @Test
    void callersWaitingTogetherShareOneCommitAndEachReturnsOnlyAfterIt() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        holdFirstCommit(firstCommitStarted, releaseFirstCommit);
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(5));

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("a1"))));
        assertThat(firstCommitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // while the broker commits the first caller's message, three more callers queue theirs
        List<CompletableFuture<Void>> later = List.of(
                CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("b1"), outgoing("b2")))),
                CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("c1")))),
                CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("d1")))));
        Thread.sleep(200);
        assertThat(first).isNotDone();
        assertThat(later).noneMatch(CompletableFuture::isDone);

        releaseFirstCommit.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Void> caller : later) {
            caller.get(5, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).containsExactly("a1");
        // one commit for all three, each caller's messages in its own order
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("b1", "b2", "c1", "d1");
        assertThat(transactions.get(1).indexOf("b1")).isLessThan(transactions.get(1).indexOf("b2"));
    }

    @Test
    void messagesArePersistentWithTheirGroupAndPriority() throws Exception {
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(5));
        groupSend.send(List.of(new GroupSend.Outgoing("whatsapp.outbound", "id-1", "demo|+447911123456", 7)));

        verify(producer).send(any(Queue.class), any(TextMessage.class), eq(DeliveryMode.PERSISTENT), eq(7), anyLong());
        verify(session).createQueue("whatsapp.outbound");
        verify(created.get(0)).setObjectProperty("JMSXGroupID", "demo|+447911123456");
        verify(session).commit();
    }

    @Test
    void aMessageForATopicGoesThereWithItsProperties() throws Exception {
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(5));
        groupSend.send(List.of(new GroupSend.Outgoing("whatsapp.events", true, "{\"id\":\"e1\"}",
                GroupSend.Outgoing.DEFAULT_PRIORITY, Map.of("type", "message.status", "receivedAtMillis", 42L))));

        verify(session).createTopic("whatsapp.events");
        verify(session, never()).createQueue(anyString());
        verify(producer).send(any(Topic.class), any(TextMessage.class), eq(DeliveryMode.PERSISTENT), eq(4), anyLong());
        verify(created.get(0)).setObjectProperty("type", "message.status");
        verify(created.get(0)).setObjectProperty("receivedAtMillis", 42L);
        assertThat(open).containsExactly("{\"id\":\"e1\"}");
    }

    @Test
    void aFailedCommitFailsItsCallersAndTheNextOnesGetAFreshSession() throws Exception {
        doAnswer(call -> {
            throw new JMSException("broker gone");
        }).doNothing().when(session).commit();
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(5));

        assertThatThrownBy(() -> groupSend.send(List.of(outgoing("lost"))))
                .hasMessageContaining("could not queue").hasRootCauseMessage("broker gone");
        groupSend.send(List.of(outgoing("kept")));

        verify(connection).close();
        verify(factory, times(2)).createConnection();
        verify(session, times(2)).commit();
    }

    @Test
    void whileATransactionHangsNewAndWaitingCallersAreRefusedWithNothingOfTheirsSent() throws Exception {
        CountDownLatch commitStarted = new CountDownLatch(1);
        CountDownLatch releaseCommit = new CountDownLatch(1);
        holdFirstCommit(commitStarted, releaseCommit); // a broker that blocks its producers
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(1));

        CompletableFuture<Void> hanging = CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("a1"))));
        assertThat(commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> groupSend.send(List.of(outgoing("b1"))));
        Thread.sleep(200);
        assertThat(groupSend.stalledFor()).isZero();
        assertThat(waiting).as("queued behind the open transaction").isNotDone();

        // once the transaction has been open for a second, the waiting caller gives up its turn
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BrokerUnavailableException.class);
        assertThat(groupSend.stalledFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> groupSend.send(List.of(outgoing("c1"))))
                .isInstanceOf(BrokerUnavailableException.class).hasMessageContaining("nothing was queued");
        assertThat(hanging).as("its outcome is the broker's").isNotDone();

        releaseCommit.countDown();
        hanging.get(5, TimeUnit.SECONDS);
        assertThat(groupSend.stalledFor()).isZero();
        groupSend.send(List.of(outgoing("d1")));
        assertThat(transactions).containsExactly(List.of("a1"), List.of("d1"));
    }

    @Test
    void afterStopNothingMoreIsTaken() throws Exception {
        groupSend = new GroupSend(factory, new SimpleMeterRegistry(), 256, Duration.ofSeconds(5));
        groupSend.stop();

        assertThatThrownBy(() -> groupSend.send(List.of(outgoing("late")))).hasMessageContaining("stopping");
        verify(producer, times(0)).send(any(Destination.class), any(TextMessage.class), anyInt(), anyInt(), anyLong());
    }

    /** Every commit is recorded in {@link #transactions}; the first one waits until {@code release}. */
    private void holdFirstCommit(CountDownLatch started, CountDownLatch release) throws JMSException {
        doAnswer(call -> {
            transactions.add(List.copyOf(open));
            open.clear();
            if (transactions.size() == 1) {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return null;
        }).when(session).commit();
    }

    private static GroupSend.Outgoing outgoing(String body) {
        return new GroupSend.Outgoing("q", body, "g-" + body.charAt(0), GroupSend.Outgoing.DEFAULT_PRIORITY);
    }
}
