import { describeWithJongodb } from '../support/jongodb';
import { fileAdvisorStores, mongoAdvisorStores } from '../support/advisorStoreFactories';
import { describeAdvisorPortsContract } from './advisorPortsContract';

describeAdvisorPortsContract(fileAdvisorStores());
describeWithJongodb('on the MongoDB-compatible test server', () => describeAdvisorPortsContract(mongoAdvisorStores()));
