import { parseRoleMap, rapportRolesOf } from './role-map';

describe('IdP roles → Rapport roles (D3)', () => {
  it('D3: with a map, only mapped IdP roles grant Rapport roles — an IdP "admin" is not ours', () => {
    const map = parseRoleMap('{"crm-sales":"rep","crm-leads":["rep","manager"]}');
    if (typeof map === 'string') throw new Error(map);
    expect(rapportRolesOf(['crm-sales', 'crm-leads', 'admin'], map)).toEqual(['rep', 'manager']);
  });

  it('D3: without a map, IdP roles named like Rapport roles count as themselves, others are dropped', () => {
    expect(rapportRolesOf(['manager', 'offline_access', 'uma_authorization'], undefined)).toEqual(['manager']);
  });

  it('says what is wrong with a map', () => {
    expect(parseRoleMap('[]')).toMatch(/JSON object/);
    expect(parseRoleMap('{"x":["rep",7]}')).toMatch(/unknown role\(s\) \[7\]/);
  });
});
