import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  CharType,
  DataType,
  DateType,
  DayTimeIntervalType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  VarcharType,
  YearMonthIntervalType,
} from "./types";

// A Map, not an object literal: `SIMPLE["constructor"]` must not find Object's.
const SIMPLE = new Map<string, () => DataType>(
  Object.entries({
    string: () => new StringType(),
    bigint: () => new LongType(),
    long: () => new LongType(),
    int: () => new IntegerType(),
    integer: () => new IntegerType(),
    smallint: () => new ShortType(),
    short: () => new ShortType(),
    tinyint: () => new ByteType(),
    byte: () => new ByteType(),
    double: () => new DoubleType(),
    float: () => new FloatType(),
    real: () => new FloatType(),
    boolean: () => new BooleanType(),
    binary: () => new BinaryType(),
    date: () => new DateType(),
    timestamp: () => new TimestampType(),
    timestamp_ltz: () => new TimestampType(),
    timestamp_ntz: () => new TimestampNTZType(),
    void: () => new NullType(),
  }),
);

const INTERVAL_UNITS = ["year", "month", "day", "hour", "minute", "second"];

/**
 * Parses a Spark DDL schema, `"user_id string NOT NULL, ts timestamp, tags array<string>"`, or a
 * `struct<...>` type, into a StructType. Client-side, so building a DataFrame needs no round trip.
 */
export function parseDDLSchema(ddl: string): StructType {
  const parser = new DDLParser(ddl);
  const type = parser.schema();
  parser.end();
  return type;
}

/** Parses one DDL type, e.g. `"map<string,array<bigint>>"`. */
export function parseDDLType(ddl: string): DataType {
  const parser = new DDLParser(ddl);
  const type = parser.type();
  parser.end();
  return type;
}

class DDLParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  schema(): StructType {
    this.space();
    if (/^struct\s*</i.test(this.text.slice(this.pos))) {
      const type = this.type();
      if (type instanceof StructType) return type;
    }
    const fields: StructField[] = [];
    do fields.push(this.field(/\s/));
    while (this.eat(","));
    return new StructType(fields);
  }

  type(): DataType {
    this.space();
    const name = this.word().toLowerCase();
    switch (name) {
      case "array": {
        this.expect("<");
        const element = this.type();
        this.expect(">");
        return new ArrayType(element);
      }
      case "map": {
        this.expect("<");
        const key = this.type();
        this.expect(",");
        const value = this.type();
        this.expect(">");
        return new MapType(key, value);
      }
      case "struct": {
        this.expect("<");
        const fields: StructField[] = [];
        if (!this.eat(">")) {
          do fields.push(this.field(/[:\s]/));
          while (this.eat(","));
          this.expect(">");
        }
        return new StructType(fields);
      }
      case "decimal":
      case "dec":
      case "numeric": {
        if (!this.eat("(")) return new DecimalType();
        const precision = this.integer();
        const scale = this.eat(",") ? this.integer() : 0;
        this.expect(")");
        if (precision < 1 || precision > 38) this.fail(`decimal precision ${precision} is not within 1 to 38`);
        if (scale > precision) this.fail(`decimal scale ${scale} exceeds its precision ${precision}`);
        return new DecimalType(precision, scale);
      }
      case "char":
      case "varchar": {
        this.expect("(");
        const length = this.integer();
        this.expect(")");
        return name === "char" ? new CharType(length) : new VarcharType(length);
      }
      case "interval":
        return this.interval();
      case "":
        return this.fail("expected a type");
      default: {
        const make = SIMPLE.get(name);
        if (!make) return this.fail(`unknown type '${name}'`);
        return make();
      }
    }
  }

  end(): void {
    this.space();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text.slice(this.pos, this.pos + 10)}'`);
  }

  private field(separator: RegExp): StructField {
    this.space();
    const name = this.identifier();
    this.space();
    if (separator.source.includes(":")) this.eat(":");
    const type = this.type();
    let nullable = true;
    let comment: string | undefined;
    for (;;) {
      this.space();
      const rest = this.text.slice(this.pos);
      const notNull = /^not\s+null\b/i.exec(rest);
      const commented = /^comment\s+('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/i.exec(rest);
      if (notNull) {
        nullable = false;
        this.pos += notNull[0].length;
      } else if (commented) {
        comment = unescapeSql((commented[1] as string).slice(1, -1));
        this.pos += commented[0].length;
      } else break;
    }
    return new StructField(name, type, nullable, comment === undefined ? undefined : JSON.stringify({ comment }));
  }

  /** `interval` alone is CalendarIntervalType; `interval <unit> [to <unit>]` an ANSI interval. */
  private interval(): DataType {
    const from = this.intervalUnit();
    if (from === undefined) return new CalendarIntervalType();
    this.space();
    let to = from;
    if (/^to\b/i.test(this.text.slice(this.pos))) {
      this.pos += 2;
      to = this.intervalUnit() ?? this.fail("expected an interval unit after 'to'");
    }
    if (to < from) this.fail(`an interval cannot run from ${INTERVAL_UNITS[from] ?? "?"} to ${INTERVAL_UNITS[to] ?? "?"}`);
    if (from <= 1) return to <= 1 ? new YearMonthIntervalType(from, to) : this.fail("an interval cannot mix months and days");
    return new DayTimeIntervalType(from - 2, to - 2);
  }

  /** The index in INTERVAL_UNITS of the next word, consumed only if it is one. */
  private intervalUnit(): number | undefined {
    this.space();
    const match = /^[A-Za-z]+\b/.exec(this.text.slice(this.pos));
    const unit = match ? INTERVAL_UNITS.indexOf(match[0].toLowerCase()) : -1;
    if (!match || unit < 0) return undefined;
    this.pos += match[0].length;
    return unit;
  }

  private identifier(): string {
    if (this.text[this.pos] === "`") {
      let out = "";
      this.pos++;
      while (this.pos < this.text.length) {
        const ch = this.text[this.pos++] as string;
        if (ch === "`") {
          if (this.text[this.pos] === "`") {
            out += "`";
            this.pos++;
          } else return out;
        } else out += ch;
      }
      return this.fail("unterminated `quoted` name");
    }
    const word = this.word();
    if (word === "") this.fail("expected a field name");
    return word;
  }

  private word(): string {
    this.space();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return "";
    this.pos += match[0].length;
    return match[0];
  }

  private integer(): number {
    this.space();
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) return this.fail("expected a number");
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private eat(token: string): boolean {
    this.space();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected '${token}'`);
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private fail(reason: string): never {
    throw new Error(`Cannot parse DDL '${this.text}' at ${this.pos}: ${reason}`);
  }
}

/** A COMMENT string's text: backslash escapes as Spark's SQL parser reads them. */
function unescapeSql(text: string): string {
  const named: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", "0": "\0" };
  return text.replace(/\\(.)/g, (_, ch: string) => named[ch] ?? ch);
}
