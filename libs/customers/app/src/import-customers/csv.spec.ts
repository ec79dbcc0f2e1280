import { parseCsv } from './csv';

describe('CSV reader for bulk import', () => {
  it('C1: reads quoted fields with commas, escaped quotes, line breaks and CRLF line ends', () => {
    const text = '\ufeffname,company,phone\r\n"Wong, Mia","Say ""hi"" Ltd",+14155550100\r\n\r\n"Multi\nline",,\nLeo,Park Co,2125550199';
    expect(parseCsv(text)).toEqual([
      ['name', 'company', 'phone'],
      ['Wong, Mia', 'Say "hi" Ltd', '+14155550100'],
      ['Multi\nline', '', ''],
      ['Leo', 'Park Co', '2125550199'],
    ]);
  });
});
