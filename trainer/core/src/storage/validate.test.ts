import { describe, expect, it } from "vitest";
import { InvalidIdError, InvalidKeyError, compareKeys, validateId, validateKey, validatePrefix } from "./validate.ts";

describe("validateId", () => {
  it("accepts ids of letters, digits, dot, underscore and dash up to 128 chars", () => {
    for (const id of ["a", "Z9", "run-01", "my_gan.v2", "0", "a..b", "x".repeat(128)]) expect(validateId(id)).toBe(id);
  });

  it("rejects bad ids with an InvalidIdError naming the field and the problem", () => {
    const cases: [unknown, RegExp][] = [
      ["", /empty/],
      [".", /path alias/],
      ["..", /path alias/],
      ["x".repeat(129), /longer than 128/],
      ["-lead", /start with a letter or digit/],
      [".hidden", /start with a letter or digit/],
      ["a/b", /only letters/],
      ["a b", /only letters/],
      ["é", /only letters/],
      ["a\n", /only letters/],
      [42, /expected a string, got number/],
    ];
    for (const [id, why] of cases) {
      expect(() => validateId(id, "trainingId")).toThrow(InvalidIdError);
      expect(() => validateId(id, "trainingId")).toThrow(/^invalid trainingId: /);
      expect(() => validateId(id, "trainingId")).toThrow(why);
    }
    expect(() => validateId("a/b")).toThrow(/^invalid id: /);
  });
});

describe("validateKey / validatePrefix", () => {
  it("accepts nested relative keys", () => {
    for (const key of ["a", "a/b.json", "trainings/x/checkpoints/000000001/w.bin", ".hidden/f", "a b/ü.txt"]) {
      expect(validateKey(key)).toBe(key);
    }
  });

  it("rejects keys that could escape or alias, naming the key", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["/etc/passwd", /start with \//],
      ["../x", /"\.\." segment/],
      ["a/../../x", /"\.\." segment/],
      ["a/./b", /"\." segment/],
      ["a//b", /empty segments/],
      ["a/", /empty segments/],
      ["a\\..\\b", /backslash/],
      ["a\u0000b", /control/],
      ["a\u007fb", /control/],
      ["a/b.gantry-tmp", /reserved/],
      ["k".repeat(1025), /1024 bytes/],
    ];
    for (const [key, why] of cases) {
      expect(() => validateKey(key)).toThrow(InvalidKeyError);
      expect(() => validateKey(key)).toThrow(why);
      try {
        validateKey(key);
      } catch (err) {
        expect((err as InvalidKeyError).key).toBe(key);
        expect((err as Error).message).toContain(JSON.stringify(key).slice(0, 20));
      }
    }
  });

  it("allows an empty prefix and one trailing slash, nothing else", () => {
    for (const p of ["", "a", "a/", "a/b/", "trainings/x/check"]) expect(validatePrefix(p)).toBe(p);
    for (const p of ["/", "a//", "../", "a/../", "/a/"]) expect(() => validatePrefix(p)).toThrow(InvalidKeyError);
  });
});

describe("compareKeys", () => {
  it("orders by UTF-8 bytes like S3 ('-' < '/' < digits < letters, BMP < astral)", () => {
    const keys = ["b", "a/x", "a-b", "a0", "\u{1F600}", "\uFFFD", "A"];
    expect([...keys].sort(compareKeys)).toEqual(["A", "a-b", "a/x", "a0", "b", "\uFFFD", "\u{1F600}"]);
  });
});
