package dev.streamscribe.decoder.lm;

import java.util.Arrays;

/**
 * Packed n-gram keys (word ids of {@link #BITS} bits, oldest word in the highest bits) to dense indices 0, 1, ... in
 * insertion order, by open addressing; callers keep their values in arrays under those indices.
 */
final class NgramTable {
    static final int BITS = 21;
    static final int MAX_ID = (1 << BITS) - 1;
    static final int MAX_ORDER = 3; // 3 x 21 bits fill a long

    private long[] keys;
    private int[] slots; // index of the key in that slot, or -1
    private int size;

    NgramTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 3)) * 2;
        slots = new int[capacity];
        Arrays.fill(slots, -1);
        keys = new long[Math.max(16, expected)];
    }

    /** The key of the n-gram {@code prefix} followed by word {@code id}. */
    static long pack(long prefix, int id) {
        return prefix << BITS | id;
    }

    /** The key's last {@code words} words. */
    static long suffix(long key, int words) {
        return key & ((1L << BITS * words) - 1);
    }

    int find(long key) {
        int mask = slots.length - 1;
        for (int s = hash(key) & mask; ; s = (s + 1) & mask) {
            int index = slots[s];
            if (index < 0 || keys[index] == key) return index;
        }
    }

    /** The key's index, adding it if absent. */
    int add(long key) {
        int mask = slots.length - 1;
        int s = hash(key) & mask;
        for (; slots[s] >= 0; s = (s + 1) & mask) {
            if (keys[slots[s]] == key) return slots[s];
        }
        if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
        keys[size] = key;
        slots[s] = size;
        if (++size * 4 > slots.length * 3) rehash();
        return size - 1;
    }

    int size() {
        return size;
    }

    long key(int index) {
        return keys[index];
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int s = hash(keys[i]) & mask;
            while (slots[s] >= 0) s = (s + 1) & mask;
            slots[s] = i;
        }
    }

    private static int hash(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
