tlaLog.push('sync');
export const syncValue = 'sync';
