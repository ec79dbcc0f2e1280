import { CsvReader, parseCsv } from './csv';

describe('CSV reader for bulk import', () => {
  it('reads quoted fields with commas, escaped quotes, line breaks and CRLF line ends (CSV, RFC 4180)', () => {
    const text = '\ufeffname,company,phone\r\n"Wong, Mia","Say ""hi"" Ltd",+14155550100\r\n\r\n"Multi\nline",,\nLeo,Park Co,2125550199';
    expect(parseCsv(text)).toEqual([
      ['name', 'company', 'phone'],
      ['Wong, Mia', 'Say "hi" Ltd', '+14155550100'],
      ['Multi\nline', '', ''],
      ['Leo', 'Park Co', '2125550199'],
    ]);
  });

  it('SEC-2: read a few rows at a time, the file gives the same rows as read at once', () => {
    const text = 'name,notes\n"A ""quoted"" one","spans\ntwo lines"\r\nplain,x"y\n\n"tail",\nlast,"unterminated';
    const whole = parseCsv(text);
    expect(whole).toEqual([['name', 'notes'], ['A "quoted" one', 'spans\ntwo lines'], ['plain', 'x"y'], ['tail', ''], ['last', 'unterminated']]);
    for (const size of [1, 2, 3]) {
      const reader = new CsvReader(text);
      const rows: string[][] = [];
      while (!reader.done) rows.push(...reader.read(size));
      expect(rows).toEqual(whole);
    }
  });
});
