package org.mpdemo.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/** The pool's frames decode to what was encoded, across a real Connection. */
class FramesTest {

    private static Connection.Frame roundTrip(ByteArrayOutputStream wire) throws IOException {
        return new Connection(new ByteArrayInputStream(wire.toByteArray()), OutputStreamNowhere.INSTANCE).receive();
    }

    private static final class OutputStreamNowhere extends java.io.OutputStream {
        static final OutputStreamNowhere INSTANCE = new OutputStreamNowhere();

        @Override
        public void write(int b) {
        }
    }

    @Test
    void taskFunctionAndResultFramesRoundTrip() throws IOException {
        byte[] items = {9, 8, 7};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Connection out = new Connection(new ByteArrayInputStream(new byte[0]), wire);
        new TaskFrame(41L, 3, 5L, 100L, items).write(out);
        out.flush();
        Connection.Frame frame = roundTrip(wire);
        assertEquals(Connection.TASK, frame.type());
        TaskFrame task = TaskFrame.decode(frame.payload());
        assertEquals(41L, task.taskId());
        assertEquals(3, task.functionId());
        assertEquals(5L, task.job());
        assertEquals(100L, task.start());
        assertArrayEquals(items, task.items());
        assertEquals(8 + 4 + 8 + 8 + items.length, frame.payload().length, "no byte beyond the fields");

        wire.reset();
        new FunctionFrame(3, items).write(out);
        out.flush();
        FunctionFrame function = FunctionFrame.decode(roundTrip(wire).payload());
        assertEquals(3, function.id());
        assertArrayEquals(items, function.function());

        wire.reset();
        new ResultFrame(41L, true, 1234L, items).send(out);
        Connection.Frame result = roundTrip(wire);
        assertEquals(Connection.RESULT, result.type());
        ResultFrame back = ResultFrame.decode(result.payload());
        assertEquals(41L, back.taskId());
        assertTrue(back.ok());
        assertEquals(1234L, back.nanos());
        assertArrayEquals(items, back.body());
    }
}
